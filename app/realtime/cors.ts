/**
 * The origins a shop's storefront is served from: the configured storefront domains and the
 * shop's own myshopify.com domain, which always serves the storefront too.
 */
export function storefrontOrigins(shop: string, configured: string): Set<string> {
  const origins = new Set([`https://${shop}`]);
  for (const entry of configured.split(",")) {
    const origin = normalizeOrigin(entry.trim());
    if (origin) origins.add(origin);
  }
  return origins;
}

export function normalizeOrigin(value: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** CORS headers for an allowed origin; the stream varies by Origin, so caches must too. */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return { Vary: "Origin" };
  return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
}
