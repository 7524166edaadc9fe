import prisma from "~/db.server";
import { formatMoney } from "~/lib/money";
import { realtime } from "~/storefront/show-stream-hub.server";

export interface ShowCounters {
  /** Viewers with the stream open on this app instance. */
  viewersNow: number;
  orders: number;
  revenueLabel: string;
  stockCorrections: number;
}

/**
 * The control room's numbers. Orders and revenue are the sales attributed to the show (the same
 * re-checked attribution that pays creators), in the shop's currency, before tax and shipping.
 */
export async function getShowCounters(shop: string, showId: string): Promise<ShowCounters> {
  const [viewersNow, earnings, stats, settings] = await Promise.all([
    realtime().hub.viewerCount(showId),
    prisma.commissionEntry.findMany({ where: { shop, showId, kind: "earn" }, select: { orderId: true, lineItemId: true, salesAmountMinor: true, currency: true } }),
    prisma.showStats.findUnique({ where: { showId } }),
    prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true } }),
  ]);
  // One line may earn for several creators; its sale counts once.
  const lines = new Map(earnings.map((entry) => [entry.lineItemId, entry]));
  const revenue = [...lines.values()].reduce((sum, entry) => sum + entry.salesAmountMinor, 0n);
  const currency = earnings[0]?.currency ?? settings?.currency ?? "USD";
  return {
    viewersNow,
    orders: new Set(earnings.map((entry) => entry.orderId)).size,
    revenueLabel: formatMoney(Number(revenue), currency),
    stockCorrections: stats?.stockDrift ?? 0,
  };
}
