// Cookie reading and writing for the storefront: the cart token, an applied discount code, the
// signed-in sandbox customer, the shop a browser chose with ?shop=, and the buyer's country.
import type { IncomingHttpHeaders } from "node:http";

export const CART_COOKIE = "cart";
export const DISCOUNT_COOKIE = "discount_code";
export const CUSTOMER_COOKIE = "sandbox_customer";
export const SHOP_COOKIE = "sandbox_shop";
/** Shopify's own name for the country a buyer chose with the theme's country selector. */
export const LOCALIZATION_COOKIE = "localization";

export function readCookies(headers: IncomingHttpHeaders): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      cookies.set(name, part.slice(eq + 1).trim());
    }
  }
  return cookies;
}

export function cookieHeader(name: string, value: string, { maxAgeSeconds }: { maxAgeSeconds?: number } = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
  return parts.join("; ");
}

export function expiredCookieHeader(name: string): string {
  return `${name}=; Path=/; SameSite=Lax; Max-Age=0`;
}
