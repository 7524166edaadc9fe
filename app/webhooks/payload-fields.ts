// What every Shopify webhook payload schema shares. Each topic's schema lives beside the
// capability that acts on it (app/inventory/payloads.ts, app/commissions/payloads.ts,
// app/privacy/payloads.ts, app/shops/payloads.ts).
import { z } from "zod";

// Shopify's numeric ids can exceed JavaScript's safe integers once JSON.parse has read them,
// so the app keys on the admin_graphql_api_id strings, or on digits read with parseJsonExact
// where the GID does not name the id (an inventory level's item and location).
export const gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`);

/** Why a payload was refused, for the 400's body: each field and what is wrong with it. */
export function describePayloadError(topic: string, error: z.ZodError): string {
  return `${topic} payload: ${error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`).join("; ")}`;
}
