// Reconciliation: webhooks can be lost or late, so while a show is live the lineup's stock is
// read from the Admin API now and then, and whatever the cache got wrong is corrected and told
// to viewers.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { LEVELS_PER_ITEM, LINEUP_INVENTORY, LINEUP_INVENTORY_BATCH, ONLINE_LOCATIONS } from "~/graphql/inventory";
import prisma from "~/db.server";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { runForItem } from "./item-queue.server";
import { setOnlineLocations } from "./online-locations.server";
import { publishStock } from "./publish-stock.server";
import { recordVariantInventory, toStockEvent, type VariantInventory } from "./stock.server";

type Admin = Pick<AdminApiContext, "graphql">;

/**
 * Reads the variants' inventory in batches small enough for Shopify's query cost limit, one
 * batch at a time (runAdmin waits and retries when Shopify throttles). Variants deleted in
 * Shopify are left out.
 */
export async function fetchLineupInventory(admin: Admin, shop: string, variantIds: readonly string[]): Promise<VariantInventory[]> {
  const found: VariantInventory[] = [];
  for (let start = 0; start < variantIds.length; start += LINEUP_INVENTORY_BATCH) {
    const ids = variantIds.slice(start, start + LINEUP_INVENTORY_BATCH);
    const { nodes } = await runAdmin(admin, shop, LINEUP_INVENTORY, { ids, levelsPerItem: LEVELS_PER_ITEM });
    for (const node of nodes) {
      if (!node || !("inventoryItem" in node)) continue;
      const item = node.inventoryItem;
      found.push({
        variantId: node.id,
        productId: node.product.id,
        inventoryItemId: item.id,
        tracked: item.tracked,
        levels: item.inventoryLevels.nodes.map((level) => ({
          locationId: level.location.id,
          available: level.quantities.find((quantity) => quantity.name === "available")?.quantity ?? 0,
          updatedAt: new Date(level.updatedAt),
        })),
        complete: !item.inventoryLevels.pageInfo.hasNextPage,
      });
    }
  }
  return found;
}

/**
 * Brings the cache in line with what the Admin API read, publishes each correction, and answers
 * how many variants had drifted (a variant seen for the first time is not drift).
 */
export async function reconcileLineupStock(shop: string, fetched: readonly VariantInventory[]): Promise<number> {
  let drift = 0;
  for (const variant of fetched) {
    const { before, after } = await runForItem(shop, variant.inventoryItemId, () => recordVariantInventory(shop, variant));
    if (before && before.available === after.available && before.tracked === after.tracked) continue;
    if (before) drift++;
    await publishStock(shop, toStockEvent(after));
  }
  return drift;
}

/** Which locations sell online, read from Shopify: active locations that fulfil online orders. */
export async function syncOnlineLocations(admin: Admin, shop: string): Promise<string[] | null> {
  const { locations } = await runAdmin(admin, shop, ONLINE_LOCATIONS);
  // A shop with more than 250 locations is read incompletely; every location counts then.
  const online = locations.pageInfo.hasNextPage
    ? null
    : locations.nodes.filter((location) => location.isActive && location.fulfillsOnlineOrders).map((location) => location.id);
  await setOnlineLocations(shop, online);
  return online;
}

/**
 * Reads the variants' stock from Shopify into the cache and tells viewers what changed. Only
 * locations that sell online count towards what a viewer can buy, so those are learned first
 * when the shop's are not known yet. Returns how many variants had drifted.
 */
export async function refreshVariantStock(admin: Admin, shop: string, variantIds: readonly string[]): Promise<number> {
  const known = await prisma.shop.findUnique({ where: { domain: shop }, select: { onlineLocationIds: true } });
  if (!known?.onlineLocationIds) await syncOnlineLocations(admin, shop);
  return reconcileLineupStock(shop, await fetchLineupInventory(admin, shop, variantIds));
}
