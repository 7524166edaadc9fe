-- CreateTable
CREATE TABLE "PayoutSkip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "PayoutSkip_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayoutRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PayoutSkip_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreatorBankPayout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "stripePayoutId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "arrivalDate" DATETIME,
    "failureMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CreatorBankPayout_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "moneyFormat" TEXT NOT NULL DEFAULT '${{amount}}',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "storefrontOrigins" TEXT NOT NULL DEFAULT '',
    "onlineLocationIds" TEXT,
    "commissionHoldDays" INTEGER NOT NULL DEFAULT 14,
    "lowStockThreshold" INTEGER NOT NULL DEFAULT 5,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "payoutSchedule" TEXT NOT NULL DEFAULT 'manual'
);
INSERT INTO "new_Shop" ("commissionHoldDays", "currency", "domain", "id", "installedAt", "lowStockThreshold", "moneyFormat", "name", "onlineLocationIds", "storefrontOrigins", "timezone", "uninstalledAt", "updatedAt") SELECT "commissionHoldDays", "currency", "domain", "id", "installedAt", "lowStockThreshold", "moneyFormat", "name", "onlineLocationIds", "storefrontOrigins", "timezone", "uninstalledAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");
CREATE TABLE "new_Creator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "avatarUrl" TEXT,
    "bio" TEXT NOT NULL DEFAULT '',
    "commissionBps" INTEGER NOT NULL DEFAULT 1000,
    "stripeAccountId" TEXT,
    "payoutsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "stripeDetailsSubmitted" BOOLEAN NOT NULL DEFAULT false,
    "stripeRequirementsDue" TEXT NOT NULL DEFAULT '',
    "stripeDisabledReason" TEXT,
    "stripeSyncedAt" DATETIME,
    "lastSignInAt" DATETIME,
    "deactivatedAt" DATETIME
);
INSERT INTO "new_Creator" ("avatarUrl", "bio", "commissionBps", "createdAt", "email", "id", "name", "payoutsEnabled", "shop", "status", "stripeAccountId", "updatedAt") SELECT "avatarUrl", "bio", "commissionBps", "createdAt", "email", "id", "name", "payoutsEnabled", "shop", "status", "stripeAccountId", "updatedAt" FROM "Creator";
DROP TABLE "Creator";
ALTER TABLE "new_Creator" RENAME TO "Creator";
CREATE UNIQUE INDEX "Creator_stripeAccountId_key" ON "Creator"("stripeAccountId");
CREATE UNIQUE INDEX "Creator_shop_email_key" ON "Creator"("shop", "email");
CREATE TABLE "new_CreatorLoginToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CreatorLoginToken_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CreatorLoginToken" ("creatorId", "expiresAt", "id", "shop", "tokenHash", "usedAt") SELECT "creatorId", "expiresAt", "id", "shop", "tokenHash", "usedAt" FROM "CreatorLoginToken";
DROP TABLE "CreatorLoginToken";
ALTER TABLE "new_CreatorLoginToken" RENAME TO "CreatorLoginToken";
CREATE UNIQUE INDEX "CreatorLoginToken_tokenHash_key" ON "CreatorLoginToken"("tokenHash");
CREATE INDEX "CreatorLoginToken_shop_creatorId_createdAt_idx" ON "CreatorLoginToken"("shop", "creatorId", "createdAt");
CREATE TABLE "new_PayoutRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "trigger" TEXT NOT NULL DEFAULT 'manual'
);
INSERT INTO "new_PayoutRun" ("finishedAt", "id", "shop", "startedAt", "status") SELECT "finishedAt", "id", "shop", "startedAt", "status" FROM "PayoutRun";
DROP TABLE "PayoutRun";
ALTER TABLE "new_PayoutRun" RENAME TO "PayoutRun";
CREATE INDEX "PayoutRun_shop_startedAt_idx" ON "PayoutRun"("shop", "startedAt");
CREATE TABLE "new_Payout" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "stripeTransferId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "failureReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" DATETIME,
    "lastError" TEXT,
    "amountReversedMinor" INTEGER NOT NULL DEFAULT 0,
    "paidAt" DATETIME,
    CONSTRAINT "Payout_runId_fkey" FOREIGN KEY ("runId") REFERENCES "PayoutRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payout_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Payout" ("amountMinor", "createdAt", "creatorId", "currency", "failureReason", "id", "idempotencyKey", "runId", "shop", "status", "stripeTransferId", "updatedAt") SELECT "amountMinor", "createdAt", "creatorId", "currency", "failureReason", "id", "idempotencyKey", "runId", "shop", "status", "stripeTransferId", "updatedAt" FROM "Payout";
DROP TABLE "Payout";
ALTER TABLE "new_Payout" RENAME TO "Payout";
CREATE UNIQUE INDEX "Payout_idempotencyKey_key" ON "Payout"("idempotencyKey");
CREATE UNIQUE INDEX "Payout_stripeTransferId_key" ON "Payout"("stripeTransferId");
CREATE INDEX "Payout_shop_creatorId_idx" ON "Payout"("shop", "creatorId");
CREATE INDEX "Payout_shop_status_idx" ON "Payout"("shop", "status");
CREATE UNIQUE INDEX "Payout_runId_creatorId_currency_key" ON "Payout"("runId", "creatorId", "currency");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PayoutSkip_shop_runId_idx" ON "PayoutSkip"("shop", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "CreatorBankPayout_stripePayoutId_key" ON "CreatorBankPayout"("stripePayoutId");

-- CreateIndex
CREATE INDEX "CreatorBankPayout_shop_creatorId_idx" ON "CreatorBankPayout"("shop", "creatorId");

