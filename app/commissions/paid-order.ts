// An orders/paid payload read into what attribution needs: each line's claim, product and
// commissionable amount in minor units of the shop's currency.
import type { z } from "zod";
import type { orderPaid } from "./payloads";
import { parseMinorUnits } from "~/lib/money";
import { showClaimOf, type ShowClaim } from "./show-claim";

export type OrderPaidPayload = z.output<typeof orderPaid>;
type OrderPaidLine = OrderPaidPayload["line_items"][number];

export interface PaidOrderLine {
  lineItemId: string;
  /** The product's gid, or null for a custom line or an id that JSON numbers could not carry exactly. */
  productId: string | null;
  quantity: number;
  /** price × quantity minus the line's discounts; tax and shipping are not part of a line's price. */
  salesAmountMinor: number;
  claim: ShowClaim | null;
}

export interface PaidOrder {
  orderId: string;
  /** The shop's currency: REST orders give line prices in it (presentment amounts live in *_set). */
  currency: string;
  createdAt: Date;
  lines: PaidOrderLine[];
}

export function readPaidOrder(payload: OrderPaidPayload): PaidOrder {
  return {
    orderId: payload.admin_graphql_api_id,
    currency: payload.currency,
    createdAt: new Date(payload.created_at),
    lines: payload.line_items.map((line) => ({
      lineItemId: line.admin_graphql_api_id,
      productId: productGid(line.product_id),
      quantity: line.quantity,
      salesAmountMinor: lineSalesAmount(line, payload.currency),
      claim: showClaimOf(line.properties, payload.note_attributes),
    })),
  };
}

/** A Shopify REST product id as the gid the lineup stores. */
export function productGid(restId: number | null | undefined): string | null {
  if (restId === null || restId === undefined || !Number.isSafeInteger(restId) || restId <= 0) return null;
  return `gid://shopify/Product/${restId}`;
}

function lineSalesAmount(line: OrderPaidLine, currency: string): number {
  const gross = BigInt(parseMinorUnits(line.price, currency)) * BigInt(line.quantity);
  const net = gross - BigInt(lineDiscount(line, currency));
  if (net <= 0n) return 0;
  if (net > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Line ${line.admin_graphql_api_id} totals more than this app can hold exactly`);
  return Number(net);
}

/**
 * Every discount on a line (code, automatic, manual, script) reaches it as a discount
 * allocation. total_discount is the deprecated field that repeats the same money, so adding
 * both would count a discount twice; it is read only for lines that carry no allocations.
 */
function lineDiscount(line: OrderPaidLine, currency: string): number {
  const allocations = line.discount_allocations ?? [];
  if (allocations.length > 0) return allocations.reduce((sum, allocation) => sum + parseMinorUnits(allocation.amount, currency), 0);
  return line.total_discount ? parseMinorUnits(line.total_discount, currency) : 0;
}
