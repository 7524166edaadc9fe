-- CreateTable
CREATE TABLE "CreatorSession" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CreatorSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CreatorSession_tokenHash_key" ON "CreatorSession"("tokenHash");

-- CreateIndex
CREATE INDEX "CreatorSession_shop_creatorId_idx" ON "CreatorSession"("shop", "creatorId");

-- AddForeignKey
ALTER TABLE "CreatorSession" ADD CONSTRAINT "CreatorSession_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;
