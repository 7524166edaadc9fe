// Requests to the embedded admin as App Bridge sends them: a fresh session token as Bearer,
// and a browser's user agent (the Shopify library turns bots away with 410).
import type { ShopifyEmulator } from "../sandbox/shopify";

export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

export interface AdminClient {
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export function adminClient(appUrl: string, shopify: ShopifyEmulator, shop: string): AdminClient {
  /** Like App Bridge: when the app asks for it, the request is sent once more with a fresh token. */
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${appUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${await shopify.mintSessionToken(shop)}`, "user-agent": BROWSER_USER_AGENT },
        redirect: "manual",
      });
      if (attempt > 1 || response.headers.get("x-shopify-retry-invalid-session-request") !== "1") return response;
    }
  }
  return {
    get: (path) => send(path),
    post: (path, form) => send(path, { method: "POST", body: new URLSearchParams(form) }),
  };
}
