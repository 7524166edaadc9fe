-- CreateTable
CREATE TABLE "CreatorSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "CreatorSession_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CreatorSession_tokenHash_key" ON "CreatorSession"("tokenHash");

-- CreateIndex
CREATE INDEX "CreatorSession_shop_creatorId_idx" ON "CreatorSession"("shop", "creatorId");
