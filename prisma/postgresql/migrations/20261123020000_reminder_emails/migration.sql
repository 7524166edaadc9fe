-- AlterTable
ALTER TABLE "ShowReminder" ADD COLUMN     "pageUrl" TEXT,
ADD COLUMN     "sentAt" TIMESTAMP(3);

