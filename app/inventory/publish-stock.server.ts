import prisma from "~/db.server";
import type { StockEventData } from "~/realtime/events";
import { publishNumberedEvent } from "~/realtime/publish.server";
import { realtimeConfig } from "~/realtime/config.server";
import { claimEventSeqsOfShowsListing } from "~/realtime/sequence.server";
import { Coalescer } from "./coalesce";
import { toStockEvent } from "./stock.server";

/**
 * Shows whose viewers follow stock: the ones on air and the ones announced. A product removed
 * from Shopify stays listed (marked removed): its viewers must see it go.
 */
const FOLLOWED_STATUSES = ["scheduled", "live"];

/**
 * Numbers the event first and reads the stock it carries second. Instances storing one variant
 * publish after their own commits, in either order: a value read before its number could go out
 * under a later number than a newer value, and viewers would keep the older stock. Read after its
 * number, the last-numbered event holds the newest stock (tests/faults/stock-event-order.test.ts).
 */
async function broadcastStock(shop: string, stock: StockEventData) {
  const seqs = await claimEventSeqsOfShowsListing(shop, stock.productId, FOLLOWED_STATUSES);
  if (!seqs.size) return;
  const stored = await prisma.variantStock.findUnique({
    where: { shop_variantId: { shop, variantId: stock.variantId } },
    select: { variantId: true, productId: true, tracked: true, available: true },
  });
  const data = stored ? toStockEvent(stored) : stock;
  await Promise.all([...seqs].map(([showId, seq]) => publishNumberedEvent({ showId, seq, type: "stock", data })));
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
