// inventory_items/update, after the route verified and deduplicated it: store the tracked flag,
// tell the viewers. inventory_levels/update has its own path (level-webhook.server.ts).
import type { z } from "zod";
import type { inventoryItemUpdate } from "./payloads";
import { normalizeGid } from "./gid";
import { runForItem } from "./item-queue.server";
import { publishStock } from "./publish-stock.server";
import { applyInventoryItemTracked, toStockEvent } from "./stock.server";

/**
 * Only the tracked flag matters here. The payload's updated_at is not compared: the cache keeps
 * no time for the flag, and a reordered pair of flips is rare enough to leave to reconciliation.
 */
export async function receiveInventoryItemUpdate(shop: string, payload: z.output<typeof inventoryItemUpdate>): Promise<void> {
  const inventoryItemId = normalizeGid(payload.admin_graphql_api_id, "InventoryItem");
  await runForItem(shop, inventoryItemId, async () => {
    const variants = await applyInventoryItemTracked(shop, inventoryItemId, payload.tracked);
    await Promise.all(variants.map((variant) => publishStock(shop, toStockEvent(variant))));
  });
}
