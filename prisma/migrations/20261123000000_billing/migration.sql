-- AlterTable
ALTER TABLE "Show" ADD COLUMN "planHoldAt" DATETIME;

-- CreateTable
CREATE TABLE "ShowUsageCharge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "usageRecordId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" DATETIME,
    "lastError" TEXT,
    "settledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShowUsageCharge_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ShowUsageCharge_showId_key" ON "ShowUsageCharge"("showId");

-- CreateIndex
CREATE UNIQUE INDEX "ShowUsageCharge_idempotencyKey_key" ON "ShowUsageCharge"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ShowUsageCharge_shop_status_idx" ON "ShowUsageCharge"("shop", "status");

-- CreateIndex
CREATE INDEX "ShowUsageCharge_shop_createdAt_idx" ON "ShowUsageCharge"("shop", "createdAt");

