-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommissionEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "refundId" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "maturesAt" DATETIME NOT NULL,
    "payoutId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "salesAmountMinor" BIGINT NOT NULL DEFAULT 0,
    "rateBps" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CommissionEntry_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommissionEntry_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CommissionEntry" ("amountMinor", "createdAt", "creatorId", "currency", "id", "kind", "lineItemId", "maturesAt", "orderId", "payoutId", "refundId", "shop", "showId") SELECT "amountMinor", "createdAt", "creatorId", "currency", "id", "kind", "lineItemId", "maturesAt", "orderId", "payoutId", "refundId", "shop", "showId" FROM "CommissionEntry";
DROP TABLE "CommissionEntry";
ALTER TABLE "new_CommissionEntry" RENAME TO "CommissionEntry";
CREATE INDEX "CommissionEntry_shop_creatorId_payoutId_idx" ON "CommissionEntry"("shop", "creatorId", "payoutId");
CREATE UNIQUE INDEX "CommissionEntry_shop_lineItemId_refundId_creatorId_key" ON "CommissionEntry"("shop", "lineItemId", "refundId", "creatorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

