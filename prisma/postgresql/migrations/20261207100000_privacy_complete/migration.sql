-- AlterTable
ALTER TABLE "ShowReminder" ADD COLUMN     "confirmationSentAt" TIMESTAMP(3),
ADD COLUMN     "confirmedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "dataRequestId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "email" TEXT,
    "report" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerDataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitSlot" (
    "key" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitSlot_pkey" PRIMARY KEY ("key","slot")
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

