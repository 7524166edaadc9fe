-- CreateTable
CREATE TABLE "ShowReminder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "showId" TEXT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShowReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShowReminder_shop_customerId_idx" ON "ShowReminder"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ShowReminder_showId_customerId_key" ON "ShowReminder"("showId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ShowReminder_showId_email_key" ON "ShowReminder"("showId", "email");

-- AddForeignKey
ALTER TABLE "ShowReminder" ADD CONSTRAINT "ShowReminder_showId_fkey" FOREIGN KEY ("showId") REFERENCES "Show"("id") ON DELETE CASCADE ON UPDATE CASCADE;

