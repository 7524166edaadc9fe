// Found by the Redis fault run (redis-restarted.test.ts): two instances storing one variant each
// publish a stock event after their own commit. An event carrying the value its instance stored,
// numbered after an event carrying a newer value, left viewers on the older stock for good.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { publishStock } from "~/inventory/publish-stock.server";
import { showChannel } from "~/realtime/bus";
import { getBus } from "~/realtime/bus.server";
import type { RealtimeEvent } from "~/realtime/events";

describe("stock events from instances that stored in one order and publish in the other", () => {
  it("carry the stock stored when they are numbered, so the last-numbered one holds the newest", async () => {
    const shop = `event-order-${randomUUID().slice(0, 8)}.myshopify.com`;
    const productId = "gid://shopify/Product/9007199254740993";
    const variantId = "gid://shopify/ProductVariant/9007199254740995";
    const show = await prisma.show.create({
      data: { shop, title: "Flash sale", startsAt: new Date(), status: "live", products: { create: [{ shop, productId, title: "Scarf", position: 0 }] } },
    });
    // This instance stored 5; another stored 7 since, and has already published it.
    await prisma.variantStock.create({ data: { shop, variantId, productId, inventoryItemId: "gid://shopify/InventoryItem/9007199254740997", tracked: true, available: 7 } });
    const received: RealtimeEvent[] = [];
    let arrived: () => void = () => {};
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const unsubscribe = await getBus().subscribe(showChannel(show.id), (event) => {
      received.push(event);
      arrived();
    });
    try {
      await publishStock(shop, { variantId, productId, available: 5, inStock: true });
      await first;
      expect(received.map((event) => event.data)).toEqual([{ variantId, productId, available: 7, inStock: true }]);
    } finally {
      await unsubscribe();
    }
  });
});
