-- AlterTable
ALTER TABLE "ShowReminder" ADD COLUMN "confirmationSentAt" DATETIME;
ALTER TABLE "ShowReminder" ADD COLUMN "confirmedAt" DATETIME;

-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "email" TEXT,
    "report" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RateLimitSlot" (
    "key" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "usedAt" DATETIME NOT NULL,

    PRIMARY KEY ("key", "slot")
);

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shop_receivedAt_idx" ON "CustomerDataRequest"("shop", "receivedAt");

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shop_customerId_idx" ON "CustomerDataRequest"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDataRequest_shop_dataRequestId_key" ON "CustomerDataRequest"("shop", "dataRequestId");

-- CreateIndex
CREATE INDEX "RateLimitSlot_usedAt_idx" ON "RateLimitSlot"("usedAt");

-- CreateIndex
CREATE INDEX "ShowReminder_shop_email_idx" ON "ShowReminder"("shop", "email");

