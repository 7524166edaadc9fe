// inventory_levels/update and inventory_items/update, after the route verified and deduplicated
// them: store what is newer, recompute the variant, tell the viewers.
import type { z } from "zod";
import type { inventoryItemUpdate, inventoryLevelUpdate } from "~/webhooks/payloads";
import { parseInventoryLevelGid, normalizeGid } from "./gid";
import { runForItem } from "./item-queue.server";
import { publishStock } from "./publish-stock.server";
import { applyInventoryItemTracked, applyInventoryLevel, recomputeVariantStock, toStockEvent } from "./stock.server";

export async function receiveInventoryLevelUpdate(shop: string, payload: z.output<typeof inventoryLevelUpdate>): Promise<void> {
  const { inventoryItemId, locationId } = parseInventoryLevelGid(payload.admin_graphql_api_id);
  const level = {
    inventoryItemId,
    locationId,
    // Shopify sends null for an item that does not track inventory; its variant is always
    // available through the tracked flag, whatever is stored here.
    available: payload.available ?? 0,
    updatedAt: new Date(payload.updated_at),
  };
  await runForItem(shop, inventoryItemId, async () => {
    if (!(await applyInventoryLevel(shop, level))) return;
    const { changed } = await recomputeVariantStock(shop, inventoryItemId);
    await Promise.all(changed.map((variant) => publishStock(shop, toStockEvent(variant))));
  });
}

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
