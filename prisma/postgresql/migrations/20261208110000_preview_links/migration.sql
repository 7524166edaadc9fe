-- AlterTable
ALTER TABLE "Show" ADD COLUMN     "previewExpiresAt" TIMESTAMP(3),
ADD COLUMN     "previewVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "wentPublicAt" TIMESTAMP(3);
