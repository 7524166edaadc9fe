// The payloads of the order topics (orders/paid, refunds/create), as far as attribution and
// clawbacks read them.
import { z } from "zod";
import { MoneyFormatError, parseMinorUnits } from "~/lib/money";
import { gid } from "~/webhooks/payload-fields";

// Money arrives as decimal strings in the shop's currency; commissions read them exactly (app/commissions/money.ts).
const decimalAmount = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "199.00"');
// Line properties and cart attributes: Shopify writes strings, but a storefront script can post anything.
const nameValuePairs = z.array(z.object({ name: z.string(), value: z.unknown() })).nullish();
// product_id stays a plain number: an id past 2^53 arrives rounded, and attribution refuses it rather than guess.
const restNumericId = z.number().nullish();

const buyerCity = z.object({ city: z.string().nullish() }).nullish();

const orderPaidLineItem = z.object({
  admin_graphql_api_id: gid("LineItem"),
  product_id: restNumericId,
  variant_id: restNumericId,
  quantity: z.number().int().nonnegative(),
  price: decimalAmount,
  // Deprecated by Shopify in favour of discount_allocations, and read only when a line has none.
  total_discount: decimalAmount.nullish(),
  discount_allocations: z.array(z.object({ amount: decimalAmount })).nullish(),
  properties: nameValuePairs,
});

export const orderPaid = z
  .object({
    admin_graphql_api_id: gid("Order"),
    created_at: z.string().datetime({ offset: true }),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
    note_attributes: nameValuePairs,
    line_items: z.array(orderPaidLineItem),
    // Chat's social proof may name the buyer's city (app/chat/social-proof.ts). Only the city is
    // read: zod drops the names, streets and phone numbers before anything else sees the order.
    shipping_address: buyerCity,
    billing_address: buyerCity,
  })
  .superRefine((order, context) => {
    // A price with more decimals than the currency has is refused here, with its path, rather than rounded later.
    order.line_items.forEach((line, index) => {
      const amounts: [string, string | null | undefined][] = [
        ["price", line.price],
        ["total_discount", line.total_discount],
        ...(line.discount_allocations ?? []).map((allocation, at): [string, string] => [`discount_allocations.${at}.amount`, allocation.amount]),
      ];
      for (const [field, amount] of amounts) {
        const problem = amount == null ? null : moneyProblem(amount, order.currency);
        if (problem) context.addIssue({ code: "custom", path: ["line_items", index, ...field.split(".")], message: problem });
      }
    });
  });

export const refundCreate = z.object({
  admin_graphql_api_id: gid("Refund"),
  created_at: z.string().datetime({ offset: true }).nullish(),
  // A JSON number that may pass 2^53; nothing reads it, since refunded lines carry their own gids.
  order_id: z.number(),
  refund_line_items: z.array(
    z.object({
      quantity: z.number().int().nonnegative(),
      line_item: z.object({
        admin_graphql_api_id: gid("LineItem"),
        product_id: restNumericId,
        properties: nameValuePairs,
      }),
    }),
  ),
});

function moneyProblem(amount: string, currency: string): string | null {
  try {
    parseMinorUnits(amount, currency);
    return null;
  } catch (error) {
    if (error instanceof MoneyFormatError) return error.message;
    throw error;
  }
}
