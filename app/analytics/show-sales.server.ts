// A show's sales, for its report: every orders/paid line whose show claim the server accepts
// (the same check that pays creators, commissions/claim-check.ts, whether or not a creator earns
// on it) becomes a ShowSale row, and every refund of such a line a row with negative units and
// amount. Every paid order of the shop becomes a ShopOrder row, so a show's average order value
// can stand beside the shop's usual one. Shopify delivers at least once and may send an order
// again under a new event id: each row has a key, and a second write of it is a no-op.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { checkShowSale } from "~/commissions/claim-check";
import { loadClaimedShows } from "~/commissions/claimed-shows.server";
import type { RefundCreatePayload } from "~/commissions/clawbacks.server";
import { productGid, readPaidOrder, type OrderPaidPayload, type PaidOrderLine } from "~/commissions/paid-order";
import { showClaimOf } from "~/commissions/show-claim";
import { clawbackFor } from "~/lib/money";

export interface RecordedShowSales {
  /** Lines counted as a show's sale, including ones an earlier delivery had already written. */
  counted: { lineItemId: string; showId: string }[];
}

export async function recordShowSales(shop: string, payload: OrderPaidPayload): Promise<RecordedShowSales> {
  const order = readPaidOrder(payload);
  await createOnce(() =>
    prisma.shopOrder.create({
      data: {
        shop,
        orderId: order.orderId,
        amountMinor: order.lines.reduce((sum, line) => sum + BigInt(line.salesAmountMinor), 0n),
        currency: order.currency,
        placedAt: order.createdAt,
      },
    }),
  );

  const claimedLines = order.lines.filter((line): line is ClaimedLine => line.claim !== null && line.quantity > 0);
  if (claimedLines.length === 0) return { counted: [] };
  const shows = await loadClaimedShows(shop, claimedLines.map((line) => line.claim.showId));
  const counted: RecordedShowSales["counted"] = [];
  for (const line of claimedLines) {
    const verdict = checkShowSale(shows.get(line.claim.showId) ?? null, line, order.createdAt);
    const { productId } = line;
    if (!verdict.counts || !productId) continue;
    await createOnce(() =>
      prisma.showSale.create({
        data: {
          shop,
          showId: verdict.showId,
          orderId: order.orderId,
          lineItemId: line.lineItemId,
          productId,
          quantity: line.quantity,
          amountMinor: BigInt(line.salesAmountMinor),
          currency: order.currency,
          occurredAt: order.createdAt,
        },
      }),
    );
    counted.push({ lineItemId: line.lineItemId, showId: verdict.showId });
  }
  return { counted };
}

type ClaimedLine = PaidOrderLine & { claim: NonNullable<PaidOrderLine["claim"]> };

export interface RecordedShowRefunds {
  /** Refunded lines subtracted from a show's sales (refunded units only: money alone takes nothing). */
  subtracted: { lineItemId: string; showId: string; quantity: number; amountMinor: bigint }[];
  /**
   * Refunded lines whose sale would count for a show but is not written yet: Shopify does not
   * promise order between topics, so the refund can overtake orders/paid. The caller asks
   * Shopify to deliver the refund again later.
   */
  awaitingSale: string[];
}

/**
 * How long a refund waits for its order's orders/paid. Shopify delivers an overtaken orders/paid
 * within minutes; a sale still missing after this was never written (an order paid before this
 * app counted shows' sales), and retrying its refund for Shopify's two days would fail it in vain.
 */
export const SALE_WAIT_MS = 60 * 60_000;

/** refunds/create → a negative row per refunded line that was a show's sale. */
export async function recordShowRefunds(shop: string, payload: RefundCreatePayload, now = new Date()): Promise<RecordedShowRefunds> {
  const refundId = payload.admin_graphql_api_id;
  const refundedAt = payload.created_at ? new Date(payload.created_at) : new Date();
  const units = new Map<string, number>();
  for (const refundLine of payload.refund_line_items) {
    if (refundLine.quantity === 0) continue;
    const id = refundLine.line_item.admin_graphql_api_id;
    units.set(id, (units.get(id) ?? 0) + refundLine.quantity);
  }
  const sales = await prisma.showSale.findMany({ where: { shop, refundId: "", lineItemId: { in: [...units.keys()] } } });

  const result: RecordedShowRefunds = { subtracted: [], awaitingSale: [] };
  for (const sale of sales) {
    const refund = await subtractRefund(sale, refundId, refundedAt, units.get(sale.lineItemId) ?? 0);
    if (refund) result.subtracted.push({ lineItemId: sale.lineItemId, showId: sale.showId, ...refund });
  }
  const sold = new Set(sales.map((sale) => sale.lineItemId));
  const unsold = payload.refund_line_items.filter((line) => line.quantity > 0 && !sold.has(line.line_item.admin_graphql_api_id));
  if (now.getTime() - refundedAt.getTime() < SALE_WAIT_MS) result.awaitingSale = await linesThatWouldCount(shop, refundedAt, unsold.map((line) => line.line_item));
  return result;
}

type ShowSaleRow = Awaited<ReturnType<typeof prisma.showSale.findMany>>[number];

async function subtractRefund(sale: ShowSaleRow, refundId: string, refundedAt: Date, units: number) {
  if (units <= 0 || sale.quantity <= 0) return null;
  return createOnceOr(null, () =>
    prisma.$transaction(async (tx) => {
      // Locks the sale's row so two refunds of one line are subtracted one after the other, each
      // seeing the units the other refunded. Its quantity is set to itself: nothing moves.
      await tx.showSale.updateMany({ where: { id: sale.id, shop: sale.shop }, data: { quantity: sale.quantity } });
      const previous = await tx.showSale.findMany({
        where: { shop: sale.shop, lineItemId: sale.lineItemId, refundId: { not: "" } },
        select: { refundId: true, quantity: true, amountMinor: true },
      });
      const already = previous.find((row) => row.refundId === refundId);
      if (already) return { quantity: -already.quantity, amountMinor: already.amountMinor };
      const refundedBefore = -previous.reduce((sum, row) => sum + row.quantity, 0);
      const quantity = Math.min(units, sale.quantity - refundedBefore);
      if (quantity <= 0) return null;
      const share = clawbackFor({ earnedMinor: Number(sale.amountMinor), lineQuantity: sale.quantity, refundedBefore, refundedNow: quantity });
      await tx.showSale.create({
        data: {
          shop: sale.shop,
          showId: sale.showId,
          orderId: sale.orderId,
          lineItemId: sale.lineItemId,
          refundId,
          productId: sale.productId,
          quantity: -quantity,
          amountMinor: -BigInt(share),
          currency: sale.currency,
          occurredAt: refundedAt,
        },
      });
      return { quantity, amountMinor: BigInt(share) };
    }),
  );
}

/**
 * Refunded lines without a sale whose own line property names a show that would count it (the
 * refund carries no cart attributes and no order date, so the refund's date stands in for it).
 */
async function linesThatWouldCount(shop: string, refundedAt: Date, lines: RefundCreatePayload["refund_line_items"][number]["line_item"][]): Promise<string[]> {
  const claimed = lines.flatMap((line) => {
    const claim = showClaimOf(line.properties, null);
    return claim ? [{ id: line.admin_graphql_api_id, claim, productId: productGid(line.product_id) }] : [];
  });
  if (claimed.length === 0) return [];
  const shows = await loadClaimedShows(shop, claimed.map((line) => line.claim.showId));
  return [...new Set(claimed.filter((line) => checkShowSale(shows.get(line.claim.showId) ?? null, line, refundedAt).counts).map((line) => line.id))];
}

/** A duplicate delivery's row is already there: its key is taken, and that is the answer. */
function createOnce(write: () => Promise<unknown>): Promise<unknown> {
  return createOnceOr(undefined, write);
}

async function createOnceOr<T, F>(fallback: F, write: () => Promise<T>): Promise<T | F> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return fallback;
    throw error;
  }
}
