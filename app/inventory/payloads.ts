// The payloads of the catalog and stock topics (inventory_levels/update, inventory_items/update,
// products/update, products/delete), as far as the app reads them.
import { z } from "zod";
import { idDigits } from "~/lib/exact-json";
import { gid } from "~/webhooks/payload-fields";

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
