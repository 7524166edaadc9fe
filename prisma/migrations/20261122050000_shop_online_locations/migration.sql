-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "onlineLocationIds" TEXT;

