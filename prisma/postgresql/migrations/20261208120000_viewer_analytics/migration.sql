-- AlterTable
ALTER TABLE "ShowStats" DROP COLUMN "addToCarts",
DROP COLUMN "currency",
DROP COLUMN "orders",
DROP COLUMN "revenueMinor",
DROP COLUMN "viewersPeak";

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

    CONSTRAINT "ShowMinute_pkey" PRIMARY KEY ("showId","minute")
);

-- CreateTable
CREATE TABLE "ShowViewer" (
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "viewerId" TEXT NOT NULL,
    "firstMinute" INTEGER NOT NULL,
    "addedToCart" BOOLEAN NOT NULL DEFAULT false,
    "checkedOut" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ShowViewer_pkey" PRIMARY KEY ("showId","viewerId")
);

-- CreateTable
CREATE TABLE "ShowSale" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "refundId" TEXT NOT NULL DEFAULT '',
    "productId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShowSale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopOrder_pkey" PRIMARY KEY ("shop","orderId")
);

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

