// The compliance topics' payloads, as far as the app reads them. Shopify names the customer by
// id and by email: a guest's show reminder is kept by the address alone, so both are needed.
import { z } from "zod";
import type { CustomerRef } from "./customer-data.server";

const customer = z.object({
  id: z.number().int(),
  // Null for a customer known only by phone.
  email: z.string().nullish(),
});

export const customersRedact = z.object({ shop_domain: z.string(), customer });

export const shopRedact = z.object({ shop_domain: z.string() });

export const customersDataRequest = z.object({
  shop_domain: z.string(),
  customer,
  data_request: z.object({ id: z.union([z.number().int(), z.string().min(1)]).transform(String) }),
});

/** The customer as the app keys them: a Customer GID, and the email lower-cased as the storefront's forms store it. */
export function customerRefOf(payload: { customer: z.infer<typeof customer> }): CustomerRef {
  const email = payload.customer.email?.trim().toLowerCase();
  return { customerId: `gid://shopify/Customer/${payload.customer.id}`, email: email || null };
}
