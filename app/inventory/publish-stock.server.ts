import type { StockEventData } from "~/realtime/events";
import { publishToShowsListing } from "~/realtime/publish.server";
import { realtimeConfig } from "~/realtime/config.server";
import { Coalescer } from "./coalesce";

/**
 * Shows whose viewers follow stock: the ones on air and the ones announced. A product removed
 * from Shopify stays listed (marked removed): its viewers must see it go.
 */
const FOLLOWED_STATUSES = ["scheduled", "live"];

function broadcastStock(shop: string, stock: StockEventData) {
  return publishToShowsListing(shop, stock.productId, FOLLOWED_STATUSES, "stock", stock);
}

declare global {
  // One coalescer per process, so its windows survive Vite's module reloads in development.
  var liveShowsStockCoalescer: Coalescer<{ shop: string; stock: StockEventData }> | undefined;
}

function coalescer() {
  globalThis.liveShowsStockCoalescer ??= new Coalescer(realtimeConfig().STOCK_COALESCE_MS, async (_key, { shop, stock }) => {
    await broadcastStock(shop, stock);
  });
  return globalThis.liveShowsStockCoalescer;
}

/**
 * Tells the viewers of every live or upcoming show listing the variant its new stock. Bursts for
 * one variant are coalesced (the last value wins); a failure is logged, never thrown, because the
 * stock itself is stored and the next change, a snapshot or reconciliation carries it.
 */
export function publishStock(shop: string, stock: StockEventData): Promise<void> {
  return coalescer().offer(`${shop} ${stock.variantId}`, { shop, stock });
}
