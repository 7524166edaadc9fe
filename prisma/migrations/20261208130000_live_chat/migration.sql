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
    "payoutSchedule" TEXT NOT NULL DEFAULT 'manual',
    "chatBlockedWords" TEXT NOT NULL DEFAULT '',
    "chatAssistant" BOOLEAN NOT NULL DEFAULT true,
    "chatSocialProof" BOOLEAN NOT NULL DEFAULT true,
    "chatBuyerCity" BOOLEAN NOT NULL DEFAULT false,
    "shippingText" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_Shop" ("commissionHoldDays", "currency", "domain", "id", "installedAt", "lowStockThreshold", "moneyFormat", "name", "onlineLocationIds", "payoutSchedule", "storefrontOrigins", "timezone", "uninstalledAt", "updatedAt") SELECT "commissionHoldDays", "currency", "domain", "id", "installedAt", "lowStockThreshold", "moneyFormat", "name", "onlineLocationIds", "payoutSchedule", "storefrontOrigins", "timezone", "uninstalledAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");
CREATE TABLE "new_Show" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "coverImageUrl" TEXT,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "hostName" TEXT NOT NULL DEFAULT '',
    "creatorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "mode" TEXT NOT NULL DEFAULT 'public',
    "commissionBps" INTEGER,
    "muxLiveStreamId" TEXT,
    "muxPlaybackId" TEXT,
    "replayAssetId" TEXT,
    "replayPlaybackId" TEXT,
    "wentLiveAt" DATETIME,
    "endedAt" DATETIME,
    "planHoldAt" DATETIME,
    "encoderState" TEXT NOT NULL DEFAULT 'idle',
    "encoderStateAt" DATETIME,
    "encoderReconnectUntil" DATETIME,
    "wentPublicAt" DATETIME,
    "previewVersion" INTEGER NOT NULL DEFAULT 0,
    "previewExpiresAt" DATETIME,
    "lastEventSeq" INTEGER NOT NULL DEFAULT 0,
    "chatEnabled" BOOLEAN NOT NULL DEFAULT true,
    "chatSlowSeconds" INTEGER NOT NULL DEFAULT 0,
    "hearts" INTEGER NOT NULL DEFAULT 0,
    "heartsTold" INTEGER NOT NULL DEFAULT 0,
    "heartsToldAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Show_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Show" ("commissionBps", "coverImageUrl", "createdAt", "creatorId", "description", "durationMinutes", "encoderReconnectUntil", "encoderState", "encoderStateAt", "endedAt", "hostName", "id", "lastEventSeq", "mode", "muxLiveStreamId", "muxPlaybackId", "planHoldAt", "previewExpiresAt", "previewVersion", "replayAssetId", "replayPlaybackId", "shop", "startsAt", "status", "title", "updatedAt", "wentLiveAt", "wentPublicAt") SELECT "commissionBps", "coverImageUrl", "createdAt", "creatorId", "description", "durationMinutes", "encoderReconnectUntil", "encoderState", "encoderStateAt", "endedAt", "hostName", "id", "lastEventSeq", "mode", "muxLiveStreamId", "muxPlaybackId", "planHoldAt", "previewExpiresAt", "previewVersion", "replayAssetId", "replayPlaybackId", "shop", "startsAt", "status", "title", "updatedAt", "wentLiveAt", "wentPublicAt" FROM "Show";
DROP TABLE "Show";
ALTER TABLE "new_Show" RENAME TO "Show";
CREATE INDEX "Show_shop_startsAt_idx" ON "Show"("shop", "startsAt");
CREATE INDEX "Show_shop_status_idx" ON "Show"("shop", "status");
CREATE INDEX "Show_muxLiveStreamId_idx" ON "Show"("muxLiveStreamId");
CREATE TABLE "new_ChatMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'viewer',
    "customerId" TEXT,
    "viewerId" TEXT,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "question" BOOLEAN NOT NULL DEFAULT false,
    "replyToId" TEXT,
    "offsetMs" INTEGER,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "answered" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatMessage_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChatMessage" ("answered", "authorName", "body", "createdAt", "customerId", "hidden", "id", "pinned", "shop", "showId") SELECT "answered", "authorName", "body", "createdAt", "customerId", "hidden", "id", "pinned", "shop", "showId" FROM "ChatMessage";
DROP TABLE "ChatMessage";
ALTER TABLE "new_ChatMessage" RENAME TO "ChatMessage";
CREATE INDEX "ChatMessage_shop_showId_createdAt_idx" ON "ChatMessage"("shop", "showId", "createdAt");
CREATE INDEX "ChatMessage_shop_showId_offsetMs_idx" ON "ChatMessage"("shop", "showId", "offsetMs");
CREATE INDEX "ChatMessage_shop_customerId_idx" ON "ChatMessage"("shop", "customerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

