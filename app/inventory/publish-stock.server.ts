import prisma from "~/db.server";
import type { StockEventData } from "~/realtime/events";
import { publishShowEvent } from "~/realtime/publish.server";
import { realtimeConfig } from "~/realtime/config.server";
import { Coalescer } from "./coalesce";

/** Shows whose viewers follow stock: the ones on air and the ones announced. */
const FOLLOWED_STATUSES = ["scheduled", "live"];

/** Live or upcoming shows of the shop whose lineup holds the product (a removed one included: viewers must see it go). */
export async function showsListingProduct(shop: string, productId: string): Promise<string[]> {
  const rows = await prisma.showProduct.findMany({
    where: { shop, productId, show: { status: { in: FOLLOWED_STATUSES } } },
    select: { showId: true },
  });
  return [...new Set(rows.map((row) => row.showId))];
}

async function broadcastStock(shop: string, stock: StockEventData) {
  const showIds = await showsListingProduct(shop, stock.productId);
  if (showIds.length) await publishShowEvent(shop, showIds, "stock", stock);
}

declare global {
  // One coalescer per process, so its windows survive Vite's module reloads in development.
  var liveShowsStockCoalescer: Coalescer<{ shop: string; stock: StockEventData }> | undefined;
}

function coalescer() {
  globalThis.liveShowsStockCoalescer ??= new Coalescer(realtimeConfig().STOCK_COALESCE_MS, (_key, { shop, stock }) =>
    broadcastStock(shop, stock),
  );
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
