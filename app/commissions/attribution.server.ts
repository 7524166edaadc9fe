// orders/paid → one earning per show line and creator, after the server has re-checked the
// line's claim. Commissions are in the shop's currency and mature after the shop's hold
// period, counted from when the order was placed.
import { getShopSettings } from "~/shops/shops.server";
import { checkShowClaim } from "./claim-check";
import { loadClaimedShows } from "./claimed-shows.server";
import { recordEntryOnce } from "./entries.server";
import { commissionFor, isCommissionRate } from "~/lib/money";
import { readPaidOrder, type OrderPaidPayload, type PaidOrder, type PaidOrderLine } from "./paid-order";
import { log } from "~/lib/log.server";

const DAY_MS = 86_400_000;

export interface OrderAttribution {
  /** Lines that earned, including ones an earlier delivery had already recorded. */
  earned: { lineItemId: string; showId: string; creatorId: string; amountMinor: number; newlyRecorded: boolean }[];
  /** Lines whose claim the server refused, with why. */
  refused: { lineItemId: string; showId: string; reason: string }[];
}

export async function recordOrderCommissions(shop: string, payload: OrderPaidPayload): Promise<OrderAttribution> {
  const order = readPaidOrder(payload);
  const claimedLines = order.lines.filter((line): line is ClaimedOrderLine => line.claim !== null && line.quantity > 0);
  const result: OrderAttribution = { earned: [], refused: [] };
  if (claimedLines.length === 0) return result;

  const shows = await loadClaimedShows(shop, claimedLines.map((line) => line.claim.showId));
  const { commissionHoldDays } = await getShopSettings(shop);
  const maturesAt = new Date(order.createdAt.getTime() + commissionHoldDays * DAY_MS);

  for (const line of claimedLines) {
    const verdict = checkShowClaim(shop, shows.get(line.claim.showId) ?? null, line, order.createdAt);
    if (!verdict.earns) {
      logRefusedClaim(shop, order, line, verdict.reason);
      result.refused.push({ lineItemId: line.lineItemId, showId: line.claim.showId, reason: verdict.reason });
      continue;
    }
    const amountMinor = commissionOnLine(shop, verdict.showId, line.salesAmountMinor, verdict.rateBps);
    const newlyRecorded = await recordEntryOnce({
      shop,
      creatorId: verdict.creatorId,
      showId: verdict.showId,
      orderId: order.orderId,
      lineItemId: line.lineItemId,
      kind: "earn",
      amountMinor,
      currency: order.currency,
      maturesAt,
      quantity: line.quantity,
      salesAmountMinor: BigInt(line.salesAmountMinor),
      rateBps: verdict.rateBps,
    });
    result.earned.push({ lineItemId: line.lineItemId, showId: verdict.showId, creatorId: verdict.creatorId, amountMinor, newlyRecorded });
  }
  return result;
}

/**
 * A rate outside 0–100% is a data error the merchant must fix, not a claim to refuse: failing
 * the delivery keeps the sale, and Shopify's retry records it once the rate is corrected.
 */
function commissionOnLine(shop: string, showId: string, salesAmountMinor: number, rateBps: number): number {
  if (!isCommissionRate(rateBps)) {
    throw new Error(`Show ${showId} of ${shop} pays ${rateBps} basis points; set its or its creator's rate to 0–10000 so the order can be attributed`);
  }
  return commissionFor(salesAmountMinor, rateBps);
}

type ClaimedOrderLine = PaidOrderLine & { claim: NonNullable<PaidOrderLine["claim"]> };

/**
 * A refused line property is someone writing a show into a cart by hand, or a stale cart: a
 * warning. A cart attribute also rides on lines that were never in the show (the shopper
 * kept shopping), so refusing those is routine and only informational. The claimed id is
 * the shopper's text, so only its start is logged.
 */
function logRefusedClaim(shop: string, order: PaidOrder, line: ClaimedOrderLine, reason: string) {
  const level = line.claim.source === "line property" ? "warn" : "info";
  log[level](
    `Commission not earned: shop=${shop} order=${order.orderId} line=${line.lineItemId} ` +
      `show=${JSON.stringify(line.claim.showId.slice(0, 64))} (${line.claim.source}): ${reason}`,
  );
}
