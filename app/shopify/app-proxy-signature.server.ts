// The app proxy's signature, checked by @shopify/shopify-api's own validateHmac (the appProxy
// signator: the timestamp window, parameters Shopify sets once, a constant-time comparison) for
// every app proxy request. authenticate.public.appProxy runs the same check and then loads the
// shop's offline session from the database on every request, which a storm of viewers cannot
// afford and no proxy route uses.
import "@shopify/shopify-api/adapters/web-api";
import { InvalidHmacError, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { env } from "~/env.server";
import { API_VERSION } from "./api-version";

let api: Shopify | undefined;

function hmacChecker(): Shopify {
  const config = env();
  api ??= shopifyApi({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    apiVersion: API_VERSION,
    hostName: new URL(config.SHOPIFY_APP_URL).host,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });
  return api;
}

/** Whether Shopify signed this query with the app's secret, within the last 90 seconds or so. */
export async function isSignedByAppProxy(query: URLSearchParams): Promise<boolean> {
  try {
    return await hmacChecker().utils.validateHmac(query, { signator: "appProxy" });
  } catch (error) {
    if (error instanceof InvalidHmacError) return false;
    throw error;
  }
}
