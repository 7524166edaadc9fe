// Stock of a show's variants for the bootstrap: from the stock cache (VariantStock), which
// webhooks and reconciliation keep current. A variant the cache has never seen (a lineup saved
// before its stock was read) is read once from the Admin API and recorded, so from then on its
// inventory webhooks reach the viewers too.
import { refreshVariantStock } from "~/inventory/reconcile.server";
import { getStockOfProducts } from "~/inventory/stock.server";
import type { StockEventData } from "~/realtime/events";
import { adminForShop } from "./catalog.server";
import { log } from "~/lib/log.server";

declare global {
  // Reads in flight, so a crowd arriving before the cache is filled costs one Admin API read.
  var liveShowsStockFills: Map<string, Promise<void>> | undefined;
}

async function readIntoCache(shop: string, variantIds: readonly string[]): Promise<void> {
  await refreshVariantStock(await adminForShop(shop), shop, variantIds);
}

function fillMissingStock(shop: string, variantIds: readonly string[]): Promise<void> {
  const fills = (globalThis.liveShowsStockFills ??= new Map());
  const key = `${shop} ${[...variantIds].sort().join(",")}`;
  let fill = fills.get(key);
  if (!fill) {
    fill = readIntoCache(shop, variantIds).finally(() => fills.delete(key));
    fills.set(key, fill);
  }
  return fill;
}

/** Each variant's stock by GID. Variants still unknown after the fill are left out (the caller decides). */
export async function readLineupStock(shop: string, productIds: readonly string[], variantIds: readonly string[]): Promise<Map<string, StockEventData>> {
  const byVariant = async () => new Map((await getStockOfProducts(shop, productIds)).map((stock) => [stock.variantId, stock]));
  const known = await byVariant();
  const missing = variantIds.filter((id) => !known.has(id));
  if (!missing.length) return known;
  try {
    await fillMissingStock(shop, missing);
  } catch (error) {
    // The catalog's availableForSale stands in until the next viewer's read succeeds.
    log.warn(`[storefront] ${shop}: could not read the stock of ${missing.length} lineup variants from Shopify: ${(error as Error).message}`);
    return known;
  }
  return byVariant();
}
