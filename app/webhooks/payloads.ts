import { z } from "zod";

// Shopify's numeric ids can exceed JavaScript's safe integers once JSON.parse has read them,
// so the app keys everything on the admin_graphql_api_id strings.
const gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);

export const inventoryLevelUpdate = z.object({
  admin_graphql_api_id: gid("InventoryLevel"),
  available: z.number().int().nullable(),
  updated_at: z.string().datetime({ offset: true }),
});

export const inventoryItemUpdate = z.object({
  admin_graphql_api_id: gid("InventoryItem"),
  tracked: z.boolean(),
  updated_at: z.string().datetime({ offset: true }),
});

export const productUpdate = z.object({
  admin_graphql_api_id: gid("Product"),
  title: z.string(),
  updated_at: z.string().datetime({ offset: true }),
});

export const productDelete = z.object({ id: z.number().int().positive() });

export const orderPaid = z.object({
  admin_graphql_api_id: gid("Order"),
  currency: z.string().length(3),
  line_items: z.array(z.object({ admin_graphql_api_id: gid("LineItem") }).passthrough()),
});

export const refundCreate = z.object({
  admin_graphql_api_id: gid("Refund"),
  order_id: z.number().int().positive(),
  refund_line_items: z.array(z.object({}).passthrough()),
});

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
