-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "payoutSchedule" TEXT NOT NULL DEFAULT 'manual';

-- AlterTable
ALTER TABLE "Creator" ADD COLUMN     "deactivatedAt" TIMESTAMP(3),
ADD COLUMN     "lastSignInAt" TIMESTAMP(3),
ADD COLUMN     "stripeDetailsSubmitted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stripeDisabledReason" TEXT,
ADD COLUMN     "stripeRequirementsDue" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "stripeSyncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CreatorLoginToken" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "PayoutRun" ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'manual';

-- AlterTable
ALTER TABLE "Payout" ADD COLUMN     "amountReversedMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "paidAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PayoutSkip" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "PayoutSkip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreatorBankPayout" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "stripePayoutId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "arrivalDate" TIMESTAMP(3),
    "failureMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreatorBankPayout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PayoutSkip_shop_runId_idx" ON "PayoutSkip"("shop", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "CreatorBankPayout_stripePayoutId_key" ON "CreatorBankPayout"("stripePayoutId");

-- CreateIndex
CREATE INDEX "CreatorBankPayout_shop_creatorId_idx" ON "CreatorBankPayout"("shop", "creatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Creator_stripeAccountId_key" ON "Creator"("stripeAccountId");

-- CreateIndex
CREATE INDEX "CreatorLoginToken_shop_creatorId_createdAt_idx" ON "CreatorLoginToken"("shop", "creatorId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_stripeTransferId_key" ON "Payout"("stripeTransferId");

-- CreateIndex
CREATE INDEX "Payout_shop_status_idx" ON "Payout"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Payout_runId_creatorId_currency_key" ON "Payout"("runId", "creatorId", "currency");

-- AddForeignKey
ALTER TABLE "PayoutSkip" ADD CONSTRAINT "PayoutSkip_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayoutRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutSkip" ADD CONSTRAINT "PayoutSkip_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreatorBankPayout" ADD CONSTRAINT "CreatorBankPayout_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

