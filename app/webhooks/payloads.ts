import { z } from "zod";
import { MoneyFormatError, parseMinorUnits } from "~/commissions/money";
import { idDigits } from "~/inventory/exact-json";

// Shopify's numeric ids can exceed JavaScript's safe integers once JSON.parse has read them,
// so the app keys on the admin_graphql_api_id strings, or on digits read with parseJsonExact
// where the GID does not name the id (an inventory level's item and location).
const gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);

// A numeric id of a body read with parseJsonExact (a safe integer, or the digits of one past
// 2^53), as its digits.
const exactId = z.union([z.number(), z.string()]).transform((value, context) => {
  const digits = idDigits(value);
  if (digits === null) context.addIssue({ code: "custom", message: "must be a whole number" });
  return digits ?? z.NEVER;
});

// Read with parseJsonExact. The level's item and location are inventory_item_id and location_id:
// the number in admin_graphql_api_id (gid://shopify/InventoryLevel/<n>?inventory_item_id=<item>)
// is the level's own id, not its location's, so nothing reads it.
export const inventoryLevelUpdate = z.object({
  inventory_item_id: exactId,
  location_id: exactId,
  available: z.number().int().nullable(),
  updated_at: z.string().datetime({ offset: true }),
  admin_graphql_api_id: gid("InventoryLevel"),
});

export const inventoryItemUpdate = z.object({
  admin_graphql_api_id: gid("InventoryItem"),
  tracked: z.boolean(),
  updated_at: z.string().datetime({ offset: true }),
});

// A variant's inventory_item_id has no GID twin here: the route reads its digits from the raw body.
export const productUpdate = z.object({
  admin_graphql_api_id: gid("Product"),
  title: z.string(),
  handle: z.string().optional(),
  updated_at: z.string().datetime({ offset: true }),
  image: z.object({ src: z.string().url() }).nullable().optional(),
  variants: z
    // z.number(), not .int(): zod's int() refuses integers past 2^53, which Shopify's ids may be.
    .array(z.object({ admin_graphql_api_id: gid("ProductVariant"), inventory_item_id: z.number().nullable().optional() }))
    .optional(),
  // Every variant's GID: `variants` may be cut short for products with very many variants.
  variant_gids: z.array(z.object({ admin_graphql_api_id: gid("ProductVariant") })).optional(),
});

// Only a numeric id, which JSON.parse may round (and zod's int() would refuse past 2^53): the
// route reads its digits from the raw body.
export const productDelete = z.object({ id: z.number().positive() });

// Money arrives as decimal strings in the shop's currency; commissions read them exactly (app/commissions/money.ts).
const decimalAmount = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal amount such as "199.00"');
// Line properties and cart attributes: Shopify writes strings, but a storefront script can post anything.
const nameValuePairs = z.array(z.object({ name: z.string(), value: z.unknown() })).nullish();
// product_id stays a plain number: an id past 2^53 arrives rounded, and attribution refuses it rather than guess.
const restNumericId = z.number().nullish();

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

export const appUninstalled = z.object({}).passthrough();

export const customersDataRequest = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: z.number().int() }),
});

export const customersRedact = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: z.number().int() }),
});

export const shopRedact = z.object({ shop_domain: z.string() });

/** Why a payload was refused, for the 400's body: each field and what is wrong with it. */
export function describePayloadError(topic: string, error: z.ZodError): string {
  return `${topic} payload: ${error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`).join("; ")}`;
}
