-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "chatAssistant" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "chatBlockedWords" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "chatBuyerCity" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "chatSocialProof" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "shippingText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Show" ADD COLUMN     "chatEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "chatSlowSeconds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hearts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "heartsTold" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "heartsToldAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'viewer',
ADD COLUMN     "offsetMs" INTEGER,
ADD COLUMN     "question" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "replyToId" TEXT,
ADD COLUMN     "viewerId" TEXT;

-- CreateIndex
CREATE INDEX "ChatMessage_shop_showId_offsetMs_idx" ON "ChatMessage"("shop", "showId", "offsetMs");

