// The embedded admin, emulated: /admin/apps/<handle>/* draws Shopify's admin frame with the app
// in an iframe (launch parameters and a fresh session token included), and the sandbox serves
// an App Bridge stand-in at /cdn/shopifycloud/app-bridge.js with the two endpoints it calls:
//   GET /__sandbox/admin-shell/session-token?shop=  → { token, exp }   (shopify.idToken())
//   GET /__sandbox/admin-shell/products?shop=&query= → { products }    (shopify.resourcePicker())
// Both answer any origin: the app runs on its own origin and calls them from the iframe.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ServerResponse } from "node:http";
import type { Router, SandboxRequest } from "../../http";
import { sendJson, sendText } from "../../http";
import { sandboxShopify } from "../../config";
import type { ShopifyEmulatorContext } from "../index";
import { pickerCatalog } from "./resource-catalog";
import { hostParam, shellPage } from "./shell-page";

export const APP_BRIDGE_PATH = "/cdn/shopifycloud/app-bridge.js";
export const SESSION_TOKEN_PATH = "/__sandbox/admin-shell/session-token";
export const PICKER_PRODUCTS_PATH = "/__sandbox/admin-shell/products";
/** The app's handle in shopify.app.toml: its admin URL is /admin/apps/<handle>. */
export const APP_HANDLE = "live-shows";

const APP_BRIDGE_FILE = fileURLToPath(new URL("./assets/app-bridge.js", import.meta.url));
/** Launch parameters the admin owns; the rest of the admin URL's query goes to the app. */
const LAUNCH_PARAMS = new Set(["shop", "host", "embedded", "id_token", "locale", "hmac", "timestamp", "session"]);
const CORS = { "access-control-allow-origin": "*", "access-control-allow-headers": "authorization, content-type" };

type AdminShellEmulator = Pick<ShopifyEmulatorContext, "state" | "appUrl" | "mintSessionToken" | "shopOf">;

/** The App Bridge stand-in's URL on a running emulator: pass it to AppProvider's __APP_BRIDGE_URL. */
export function appBridgeUrl(emulatorUrl: string): string {
  return `${emulatorUrl.replace(/\/+$/, "")}${APP_BRIDGE_PATH}`;
}

/** The admin URL that opens an app page, e.g. adminAppUrl(url, shop, "/app/shows"). */
export function adminAppUrl(emulatorUrl: string, shop: string, appPath = "/app"): string {
  return `${emulatorUrl.replace(/\/+$/, "")}/admin/apps/${APP_HANDLE}${appPath === "/app" ? "" : appPath}?shop=${encodeURIComponent(shop)}`;
}

export function registerAdminShell(router: Router, emulator: AdminShellEmulator): void {
  const { state } = emulator;
  const shopFor = (request: SandboxRequest): string | undefined => {
    const named = emulator.shopOf(request);
    if (named) return state.hasShop(named) ? named : undefined;
    return state.hasShop(sandboxShopify.shopDomain) ? sandboxShopify.shopDomain : state.listShops()[0]?.domain;
  };

  // A fixed handle: tests/sandbox/http.ts's Router misnumbers params when ":name" and "*" are combined.
  router.add("GET", `/admin/apps/${APP_HANDLE}/*`, async (request, response) => {
    const shop = shopFor(request);
    if (!shop) return sendText(response, 404, "No such sandbox shop", "text/plain");
    const rest = request.params["*"] ?? "";
    const appPath = rest ? `/${rest}` : "/app";
    const iframeUrl = new URL(`${emulator.appUrl}${appPath}`);
    for (const [name, value] of request.url.searchParams) if (!LAUNCH_PARAMS.has(name)) iframeUrl.searchParams.append(name, value);
    iframeUrl.searchParams.set("embedded", "1");
    iframeUrl.searchParams.set("shop", shop);
    iframeUrl.searchParams.set("host", hostParam(shop));
    iframeUrl.searchParams.set("id_token", await emulator.mintSessionToken(shop));
    iframeUrl.searchParams.set("locale", "en");
    const html = shellPage({
      shopDomain: shop,
      shopName: state.getShop(shop).name,
      appName: "Live Shows",
      shellBase: `/admin/apps/${APP_HANDLE}`,
      iframeSrc: iframeUrl.toString(),
      appOrigin: new URL(emulator.appUrl).origin,
    });
    sendText(response, 200, html, "text/html; charset=utf-8", { "cache-control": "no-store" });
  });

  router.add("GET", APP_BRIDGE_PATH, async (_request, response) => {
    const script = await readFile(APP_BRIDGE_FILE, "utf8");
    sendText(response, 200, script, "text/javascript; charset=utf-8", { "cache-control": "no-cache", ...CORS });
  });

  const preflight = (_request: SandboxRequest, response: ServerResponse) => {
    response.writeHead(204, { ...CORS, "access-control-allow-methods": "GET, OPTIONS", "access-control-max-age": "600" });
    response.end();
  };
  router.add("OPTIONS", SESSION_TOKEN_PATH, preflight);
  router.add("OPTIONS", PICKER_PRODUCTS_PATH, preflight);

  router.add("GET", SESSION_TOKEN_PATH, async (request, response) => {
    const shop = shopFor(request);
    if (!shop) return sendJson(response, 404, { errors: "Unknown shop" }, CORS);
    const token = await emulator.mintSessionToken(shop);
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp: number };
    sendJson(response, 200, { token, exp: payload.exp }, { ...CORS, "cache-control": "no-store" });
  });

  router.add("GET", PICKER_PRODUCTS_PATH, (request, response) => {
    const shop = shopFor(request);
    if (!shop) return sendJson(response, 404, { errors: "Unknown shop" }, CORS);
    const flag = (name: string) => (request.url.searchParams.get(name) === "false" ? false : undefined);
    const products = pickerCatalog(state, shop, {
      query: request.url.searchParams.get("query") ?? undefined,
      draft: flag("draft"),
      archived: flag("archived"),
    });
    sendJson(response, 200, { products }, CORS);
  });
}
