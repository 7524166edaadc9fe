// Requests to the embedded admin as App Bridge sends them: a fresh session token as Bearer,
// and a browser's user agent (the Shopify library turns bots away with 410).
import type { ShopifyEmulator } from "../sandbox/shopify";

export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

export interface AdminClient {
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export function adminClient(appUrl: string, shopify: ShopifyEmulator, shop: string): AdminClient {
  async function headers() {
    return { authorization: `Bearer ${await shopify.mintSessionToken(shop)}`, "user-agent": BROWSER_USER_AGENT };
  }
  return {
    async get(path) {
      return fetch(`${appUrl}${path}`, { headers: await headers(), redirect: "manual" });
    },
    async post(path, form) {
      return fetch(`${appUrl}${path}`, { method: "POST", body: new URLSearchParams(form), headers: await headers(), redirect: "manual" });
    },
  };
}
