-- CreateTable
CREATE TABLE "ShowViewerMinute" (
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "peak" INTEGER NOT NULL,

    CONSTRAINT "ShowViewerMinute_pkey" PRIMARY KEY ("showId","minute")
);

-- CreateIndex
CREATE INDEX "ShowViewerMinute_shop_showId_idx" ON "ShowViewerMinute"("shop", "showId");


-- AlterTable
ALTER TABLE "Show" ADD COLUMN     "encoderReconnectUntil" TIMESTAMP(3),
ADD COLUMN     "encoderState" TEXT NOT NULL DEFAULT 'idle',
ADD COLUMN     "encoderStateAt" TIMESTAMP(3);
