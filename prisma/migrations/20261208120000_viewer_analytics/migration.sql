-- CreateTable
CREATE TABLE "ShowMinute" (
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "watchSeconds" INTEGER NOT NULL DEFAULT 0,
    "views" INTEGER NOT NULL DEFAULT 0,
    "productViews" INTEGER NOT NULL DEFAULT 0,
    "addToCarts" INTEGER NOT NULL DEFAULT 0,
    "checkouts" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("showId", "minute")
);

-- CreateTable
CREATE TABLE "ShowViewer" (
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "viewerId" TEXT NOT NULL,
    "firstMinute" INTEGER NOT NULL,
    "addedToCart" BOOLEAN NOT NULL DEFAULT false,
    "checkedOut" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("showId", "viewerId")
);

-- CreateTable
CREATE TABLE "ShowSale" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "refundId" TEXT NOT NULL DEFAULT '',
    "productId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "orderId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShowStats" (
    "showId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "stockDrift" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ShowStats" ("shop", "showId", "stockDrift", "updatedAt") SELECT "shop", "showId", "stockDrift", "updatedAt" FROM "ShowStats";
DROP TABLE "ShowStats";
ALTER TABLE "new_ShowStats" RENAME TO "ShowStats";
CREATE INDEX "ShowStats_shop_idx" ON "ShowStats"("shop");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ShowMinute_shop_minute_idx" ON "ShowMinute"("shop", "minute");

-- CreateIndex
CREATE INDEX "ShowViewer_shop_showId_idx" ON "ShowViewer"("shop", "showId");

-- CreateIndex
CREATE INDEX "ShowSale_shop_showId_occurredAt_idx" ON "ShowSale"("shop", "showId", "occurredAt");

-- CreateIndex
CREATE INDEX "ShowSale_shop_occurredAt_idx" ON "ShowSale"("shop", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShowSale_shop_lineItemId_refundId_key" ON "ShowSale"("shop", "lineItemId", "refundId");

-- CreateIndex
CREATE INDEX "ShopOrder_shop_placedAt_idx" ON "ShopOrder"("shop", "placedAt");

