-- AlterTable
ALTER TABLE "ShowReminder" ADD COLUMN "pageUrl" TEXT;
ALTER TABLE "ShowReminder" ADD COLUMN "sentAt" DATETIME;

