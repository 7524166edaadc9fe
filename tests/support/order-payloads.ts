// For tests only: orders/paid and refunds/create bodies in Shopify's REST shapes, with ids
// like the sandbox's. Not imported by app code.
import { randomUUID } from "node:crypto";
import { fromNow } from "./clock";
import { SHOW_CLAIM_KEY } from "../../app/commissions/show-claim";

export const uniqueShop = (label: string) => `${label}-${randomUUID().slice(0, 8)}.myshopify.com`;

let counter = 0n;
/** Ids past 2^53 like the sandbox's, unique per test run, as digit strings. */
export function nextIdNumber(): string {
  counter += 1n;
  return (9_007_199_254_761_001n + BigInt(Date.now()) * 1_000n + counter).toString();
}

/** A product id as REST sends it: a JSON number, as Shopify's product ids are well within 2^53. Every test has its own shop. */
export function nextProductNumber(): number {
  counter += 1n;
  return 8_100_000_000 + Number(counter);
}

export const productGidOf = (productNumber: number) => `gid://shopify/Product/${productNumber}`;

/** An instant as Shopify's REST payloads write times: whole seconds, in the shop's UTC offset (+01:00 unless told). */
export function shopifyTime(instant: Date, utcOffsetMinutes = 60): string {
  const wall = new Date(instant.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  const size = Math.abs(utcOffsetMinutes);
  const hhmm = `${String(Math.floor(size / 60)).padStart(2, "0")}:${String(size % 60).padStart(2, "0")}`;
  return `${wall}${utcOffsetMinutes < 0 ? "-" : "+"}${hhmm}`;
}

export interface LineFixture {
  productNumber: number | null;
  price: string;
  quantity?: number;
  discountAllocations?: string[];
  totalDiscount?: string;
  /** The show claimed by the line property; omit for a line without one. */
  showId?: unknown;
  lineNumber?: string;
}

export interface OrderFixture {
  /** 45 minutes ago unless given: while the show test-shows.ts makes by default was live. */
  createdAt?: string;
  currency?: string;
  /** The show claimed by the cart attribute. */
  cartShowId?: string;
  lines: LineFixture[];
}

export function orderPaidBody(order: OrderFixture) {
  const orderNumber = nextIdNumber();
  return {
    id: Number(orderNumber),
    admin_graphql_api_id: `gid://shopify/Order/${orderNumber}`,
    created_at: order.createdAt ?? shopifyTime(fromNow({ minutes: -45 })),
    currency: order.currency ?? "EUR",
    financial_status: "paid",
    taxes_included: true,
    total_tax: "0.00",
    shipping_lines: [{ price: "4.90" }],
    note_attributes: order.cartShowId === undefined ? [] : [{ name: SHOW_CLAIM_KEY, value: order.cartShowId }],
    line_items: order.lines.map((line) => lineItemBody(line)),
  };
}

function lineItemBody(line: LineFixture) {
  const lineNumber = line.lineNumber ?? nextIdNumber();
  return {
    admin_graphql_api_id: `gid://shopify/LineItem/${lineNumber}`,
    product_id: line.productNumber,
    variant_id: line.productNumber === null ? null : line.productNumber + 1,
    quantity: line.quantity ?? 1,
    price: line.price,
    total_discount: line.totalDiscount ?? "0.00",
    discount_allocations: (line.discountAllocations ?? []).map((amount) => ({ amount, discount_application_index: 0 })),
    properties: line.showId === undefined ? [] : [{ name: SHOW_CLAIM_KEY, value: line.showId }],
    tax_lines: [{ price: "3.98", rate: 0.25 }],
  };
}

type OrderBody = ReturnType<typeof orderPaidBody>;

/** Refunded now unless `createdAt` says otherwise: after a default order, before its earning matures. */
export function refundCreateBody(order: OrderBody, refunded: { lineIndex: number; quantity: number }[], createdAt = shopifyTime(new Date())) {
  const refundNumber = nextIdNumber();
  return {
    admin_graphql_api_id: `gid://shopify/Refund/${refundNumber}`,
    order_id: order.id,
    created_at: createdAt,
    refund_line_items: refunded.map(({ lineIndex, quantity }) => {
      const lineItem = order.line_items[lineIndex];
      if (!lineItem) throw new Error(`The order has no line ${lineIndex}`);
      return { quantity, subtotal: 0, line_item: lineItem };
    }),
  };
}
