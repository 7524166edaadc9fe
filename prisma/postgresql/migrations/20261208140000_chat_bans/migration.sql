-- CreateTable
CREATE TABLE "ChatBan" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "showId" TEXT,
    "customerId" TEXT,
    "viewerId" TEXT,
    "messageId" TEXT NOT NULL,
    "bannedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatBan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatBan_shop_viewerId_idx" ON "ChatBan"("shop", "viewerId");

-- CreateIndex
CREATE INDEX "ChatBan_shop_customerId_idx" ON "ChatBan"("shop", "customerId");

-- AddForeignKey
ALTER TABLE "ChatBan" ADD CONSTRAINT "ChatBan_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show"("id") ON DELETE CASCADE ON UPDATE CASCADE;

