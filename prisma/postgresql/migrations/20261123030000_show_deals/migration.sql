-- AlterTable
ALTER TABLE "ShowDeal" ADD COLUMN     "failure" TEXT;

