// The storefront reaches the app through Shopify's app proxy, which signs every request with the
// app's secret and names the shop and the signed-in customer. Nothing from a proxy request is
// trusted before the signature is checked.
import { isSignedByAppProxy } from "~/shopify/app-proxy-signature.server";
import { proxyPathOf, shopperAddress } from "./proxy-input";

export interface ProxyCaller {
  shop: string;
  /** Customer GID of the signed-in shopper, or null for a guest. */
  customerId: string | null;
  /** The shopper's address, for per-client limits ("unknown" when Shopify did not say). */
  address: string;
  /** Where the storefront reaches the app ("/apps/live"), for links back to it. */
  proxyPath: string;
}

/** A JSON body with no-store: every proxy answer is per shop and per moment. */
export function proxyJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * Verifies the app proxy signature with Shopify's library (without loading the shop's session,
 * which no proxy route uses). A forged or stale signature is an authentication failure, so the
 * storefront gets a 401 that says so.
 */
export async function authenticateAppProxy(request: Request): Promise<ProxyCaller> {
  const query = new URL(request.url).searchParams;
  if (!(await isSignedByAppProxy(query))) {
    throw proxyJson({ error: "The app proxy signature is missing or invalid", reason: "bad_signature" }, 401);
  }
  const customer = query.get("logged_in_customer_id") ?? "";
  return {
    shop: (query.get("shop") ?? "").toLowerCase(),
    customerId: /^\d+$/.test(customer) ? `gid://shopify/Customer/${customer}` : null,
    address: shopperAddress(request.headers.get("x-forwarded-for")),
    proxyPath: proxyPathOf(query.get("path_prefix")),
  };
}

/** A form post or a JSON body as a plain object; null when it is not one (JSON that does not parse, or is not an object). */
export async function readProxyBody(request: Request): Promise<Record<string, unknown> | null> {
  try {
    if ((request.headers.get("content-type") ?? "").includes("json")) {
      const body: unknown = await request.json();
      return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    }
    return Object.fromEntries(await request.formData());
  } catch {
    return null;
  }
}
