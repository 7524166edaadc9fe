// Links the app writes for shoppers (a calendar entry, a reminder email) lead to the shop's own
// storefront and nowhere else: a page URL from the storefront is only a suggestion.
import { normalizeOrigin, storefrontOrigins } from "~/realtime/cors";

/** The page, when it is on one of the shop's storefront origins; null for anything else. */
export function storefrontPage(shop: string, configuredOrigins: string, pageUrl: string | null | undefined): string | null {
  if (!pageUrl) return null;
  try {
    const url = new URL(pageUrl);
    return storefrontOrigins(shop, configuredOrigins).has(url.origin) ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The shop's storefront home: its primary domain (the first configured origin), else its myshopify.com domain. */
export function storefrontHome(shop: string, configuredOrigins: string): string {
  return `${normalizeOrigin(configuredOrigins.split(",")[0]?.trim() ?? "") ?? `https://${shop}`}/`;
}
