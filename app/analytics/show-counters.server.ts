import prisma from "~/db.server";
import { peakViewers } from "~/storefront/audience.server";
import { realtime } from "~/storefront/show-stream-hub.server";
import { getShowReportSales } from "./show-reports.server";

export interface ShowCounters {
  /** Distinct shoppers with the show's stream open now, on every app instance (previews aside). */
  viewersNow: number;
  /** The most there have been at once. */
  viewersPeak: number;
  /** Add-to-carts from the show's player, as viewers who consented to analytics reported them. */
  addToCarts: number;
  orders: number;
  revenueLabel: string;
  stockCorrections: number;
}

/**
 * The control room's numbers, from the same rows as the show's report (show-reports.server.ts):
 * orders and revenue are the show's attributed sales less refunds, in the shop's currency.
 */
export async function getShowCounters(shop: string, showId: string): Promise<ShowCounters> {
  const [viewersNow, viewersPeak, addToCarts, sales, stats] = await Promise.all([
    realtime().presence.count(showId),
    peakViewers(shop, showId),
    getShowAddToCarts(shop, showId),
    getShowReportSales(shop, showId),
    prisma.showStats.findFirst({ where: { showId, shop }, select: { stockDrift: true } }),
  ]);
  // A count read now may be ahead of the last minute recorded.
  return { viewersNow, viewersPeak: Math.max(viewersPeak, viewersNow), addToCarts, ...sales, stockCorrections: stats?.stockDrift ?? 0 };
}

/** Every instance adds its flushes to the show's minutes (viewer-store.server.ts), so their sum is the whole. */
export async function getShowAddToCarts(shop: string, showId: string): Promise<number> {
  const { _sum } = await prisma.showMinute.aggregate({ where: { shop, showId }, _sum: { addToCarts: true } });
  return _sum.addToCarts ?? 0;
}
