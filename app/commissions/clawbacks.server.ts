// refunds/create → a clawback (a negative entry) per refunded line and creator that earned on
// it. A clawback is never attached to a payout when written: if its earning was already paid,
// it nets against the creator's next payout instead, and a balance it drives below zero
// carries forward (ledger.server.ts). Clawbacks follow refunded units: a refund of money
// without units (goodwill, shipping, an adjustment) takes no commission back.
import type { CommissionEntry } from "@prisma/client";
import type { z } from "zod";
import prisma from "~/db.server";
import type { refundCreate } from "./payloads";
import { checkShowClaim } from "./claim-check";
import { loadClaimedShows } from "./claimed-shows.server";
import { clawbackFor } from "~/lib/money";
import { productGid } from "./paid-order";
import { showClaimOf } from "./show-claim";
import { log } from "~/lib/log.server";

export type RefundCreatePayload = z.output<typeof refundCreate>;
type RefundedLineItem = RefundCreatePayload["refund_line_items"][number]["line_item"];

export interface RefundClawbacks {
  /** amountMinor is negative. Includes clawbacks an earlier delivery had already recorded. */
  clawedBack: { lineItemId: string; creatorId: string; amountMinor: number; newlyRecorded: boolean }[];
  /**
   * Refunded lines whose show claim would earn but whose earning is not recorded yet: Shopify
   * does not promise order between topics, so the refund can overtake orders/paid. The caller
   * asks Shopify to deliver the refund again later.
   */
  awaitingEarning: string[];
}

interface Refund {
  shop: string;
  refundId: string;
  refundedAt: Date;
}

interface RefundedLine {
  lineItem: RefundedLineItem;
  units: number;
}

export async function recordRefundClawbacks(shop: string, payload: RefundCreatePayload): Promise<RefundClawbacks> {
  const refund: Refund = {
    shop,
    refundId: payload.admin_graphql_api_id,
    refundedAt: payload.created_at ? new Date(payload.created_at) : new Date(),
  };
  const lines = refundedLines(payload);
  const earnings = await prisma.commissionEntry.findMany({
    where: { shop, kind: "earn", lineItemId: { in: [...lines.keys()] } },
    orderBy: { id: "asc" },
  });

  const result: RefundClawbacks = { clawedBack: [], awaitingEarning: [] };
  for (const earning of earnings) {
    const line = lines.get(earning.lineItemId);
    if (!line) continue;
    const clawback = await clawBackEarning(refund, earning, line.units);
    if (clawback) result.clawedBack.push({ lineItemId: earning.lineItemId, creatorId: earning.creatorId, ...clawback });
  }

  const earned = new Set(earnings.map((earning) => earning.lineItemId));
  const unearned = [...lines.values()].filter((line) => !earned.has(line.lineItem.admin_graphql_api_id));
  result.awaitingEarning = await linesThatWouldEarn(refund, unearned);
  return result;
}

/**
 * One refund may list a line more than once (restocked at two locations): its units add up.
 * A line listed with no units returns nothing, so it takes nothing back.
 */
function refundedLines(payload: RefundCreatePayload): Map<string, RefundedLine> {
  const lines = new Map<string, RefundedLine>();
  for (const refundLine of payload.refund_line_items) {
    if (refundLine.quantity === 0) continue;
    const id = refundLine.line_item.admin_graphql_api_id;
    const units = (lines.get(id)?.units ?? 0) + refundLine.quantity;
    lines.set(id, { lineItem: refundLine.line_item, units });
  }
  return lines;
}

async function clawBackEarning(refund: Refund, earning: CommissionEntry, units: number) {
  if (earning.quantity <= 0) {
    log.warn(`Clawback skipped: shop=${refund.shop} line=${earning.lineItemId} refund=${refund.refundId}: the earning records no quantity to share`);
    return null;
  }
  return prisma.$transaction(async (tx) => {
    // Locks the earning's row so two refunds of the same line are clawed back one after the
    // other, each seeing the units the other refunded. kind never changes, so nothing else moves.
    await tx.commissionEntry.updateMany({ where: { id: earning.id, shop: refund.shop }, data: { kind: "earn" } });
    const previous = await tx.commissionEntry.findMany({
      where: { shop: refund.shop, kind: "clawback", lineItemId: earning.lineItemId, creatorId: earning.creatorId },
      select: { refundId: true, quantity: true, amountMinor: true },
    });
    const already = previous.find((entry) => entry.refundId === refund.refundId);
    if (already) return { amountMinor: already.amountMinor, newlyRecorded: false };

    const refundedBefore = previous.reduce((sum, entry) => sum + entry.quantity, 0);
    const quantity = Math.min(units, earning.quantity - refundedBefore);
    if (quantity <= 0) {
      log.info(`Clawback skipped: shop=${refund.shop} line=${earning.lineItemId} refund=${refund.refundId}: every unit was already refunded`);
      return null;
    }
    const share = { lineQuantity: earning.quantity, refundedBefore, refundedNow: quantity };
    const amountMinor = 0 - clawbackFor({ earnedMinor: earning.amountMinor, ...share }); // 0 - x: never -0
    await tx.commissionEntry.create({
      data: {
        shop: refund.shop,
        creatorId: earning.creatorId,
        showId: earning.showId,
        orderId: earning.orderId,
        lineItemId: earning.lineItemId,
        refundId: refund.refundId,
        kind: "clawback",
        amountMinor,
        currency: earning.currency,
        // Not before the earning matures: an unmatured earning and its clawback cancel out together.
        maturesAt: new Date(Math.max(earning.maturesAt.getTime(), refund.refundedAt.getTime())),
        payoutId: null,
        quantity,
        salesAmountMinor: -BigInt(clawbackFor({ earnedMinor: Number(earning.salesAmountMinor), ...share })),
        rateBps: earning.rateBps,
      },
    });
    return { amountMinor, newlyRecorded: true };
  });
}

/**
 * Refunded lines without an earning whose own line property names a show that could have
 * earned (the refund carries no cart attributes and no order date, so the refund's date
 * stands in for it). A rehearsal's or a forged claim's refund is not waited for.
 */
async function linesThatWouldEarn(refund: Refund, lines: RefundedLine[]): Promise<string[]> {
  const claimed = lines.flatMap((line) => {
    const claim = showClaimOf(line.lineItem.properties, null);
    return claim ? [{ id: line.lineItem.admin_graphql_api_id, claim, productId: productGid(line.lineItem.product_id) }] : [];
  });
  if (claimed.length === 0) return [];
  const shows = await loadClaimedShows(refund.shop, claimed.map((line) => line.claim.showId));
  return claimed
    .filter((line) => checkShowClaim(refund.shop, shows.get(line.claim.showId) ?? null, line, refund.refundedAt).earns)
    .map((line) => line.id);
}
