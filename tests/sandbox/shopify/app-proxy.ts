// Shopify's app proxy: a storefront path (/<prefix>/<subpath>/*, from [app_proxy] in
// shopify.app.toml, here /apps/live/*) is forwarded to the app's proxy URL with the shop, the
// signed-in customer, the path prefix and a timestamp added, signed with the app's secret.
// Method, body and the useful headers go through; the answer streams back unbuffered (so
// text/event-stream works), with cookies stripped both ways as Shopify does. Answers of type
// application/liquid are rendered with the shop's theme, as Shopify renders them.
import { createHmac } from "node:crypto";
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Router, SandboxRequest } from "../http";
import { sendText } from "../http";
import { sandboxShopify } from "../config";
import type { ShopifyEmulatorContext } from "./index";
import { numericIdOf } from "./ids";
import { storefrontOfOrUndefined } from "./storefront/registry";
import { CUSTOMER_COOKIE, readCookies } from "./storefront/cookies";
import { storefrontShop } from "./storefront/storefront-context";
import { renderLiquidResponse } from "./storefront/liquid-response";

/** Parameters Shopify adds; a shopper cannot supply their own (they are replaced). */
const PROXY_PARAMS = ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"] as const;

/**
 * The app proxy signature: hex HMAC-SHA256 over the parameters (signature left out) sorted by
 * name, each written `name=value` with repeated values joined by commas, concatenated with no
 * separator. Sorted with localeCompare, exactly as @shopify/shopify-api's validator sorts them.
 */
export function appProxySignature(query: URLSearchParams, secret: string): string {
  const values = new Map<string, string[]>();
  for (const [name, value] of query) {
    if (name === "signature") continue;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const message = [...values.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => `${name}=${list.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The shopper's query with Shopify's parameters added and signed. */
export function signProxyQuery(
  original: URLSearchParams,
  { shop, customerId, pathPrefix, secret, timestamp = Math.floor(Date.now() / 1000) }: { shop: string; customerId: string; pathPrefix: string; secret: string; timestamp?: number },
): URLSearchParams {
  const query = new URLSearchParams(original);
  for (const name of PROXY_PARAMS) query.delete(name);
  query.set("shop", shop);
  query.set("logged_in_customer_id", customerId);
  query.set("path_prefix", pathPrefix);
  query.set("timestamp", String(timestamp));
  query.set("signature", appProxySignature(query, secret));
  return query;
}

/** Request headers worth passing to the app; cookies and hop-by-hop headers are not. */
const FORWARDED_REQUEST_HEADERS = ["accept", "accept-language", "content-type", "user-agent", "last-event-id", "x-requested-with", "cache-control", "if-none-match"];
const DROPPED_RESPONSE_HEADERS = new Set(["set-cookie", "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);

function forwardedHeaders(request: SandboxRequest, shop: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  headers["x-forwarded-for"] = request.incoming.socket.remoteAddress ?? "127.0.0.1";
  headers["x-forwarded-host"] = shop;
  headers["x-forwarded-proto"] = "https";
  if (request.rawBody.length) headers["content-length"] = request.rawBody.length;
  return headers;
}

function responseHeaders(upstream: IncomingHttpHeaders): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) headers[name] = value;
  return headers;
}

/** `${appUrl}/proxy`: the [app_proxy].url's path, moved onto the app URL the sandbox was given. */
export function proxyTarget(appUrl: string, configuredUrl: string): string {
  const path = new URL(configuredUrl).pathname.replace(/\/+$/, "");
  return `${appUrl.replace(/\/+$/, "")}${path}`;
}

type AppProxyEmulator = Pick<ShopifyEmulatorContext, "state" | "appUrl" | "apiSecret" | "appConfig">;

/** Emulator route module: forwards /<prefix>/<subpath>/* to the app. */
export function registerAppProxy(router: Router, emulator: AppProxyEmulator): void {
  const proxy = emulator.appConfig.appProxy ?? { ...sandboxShopify.appProxy, url: `${emulator.appUrl}/proxy` };
  const pathPrefix = `/${proxy.prefix}/${proxy.subpath}`;
  const target = proxyTarget(emulator.appUrl, proxy.url);

  router.add("*", `${pathPrefix}/*`, (request, response) => {
    const storefront = storefrontOfOrUndefined(emulator.state);
    const shop = storefront ? storefrontShop(storefront, request, []) : (emulator.state.listShops()[0]?.domain ?? sandboxShopify.shopDomain);
    const customerCookie = readCookies(request.headers).get(CUSTOMER_COOKIE);
    const customer = customerCookie ? storefront?.customers.find(shop, customerCookie) : undefined;
    const query = signProxyQuery(request.url.searchParams, {
      shop,
      customerId: customer ? numericIdOf(customer.id) : "",
      pathPrefix,
      secret: emulator.apiSecret,
      timestamp: Math.floor(emulator.state.now().getTime() / 1000),
    });
    const rest = request.params["*"] ?? "";
    const url = new URL(`${target}${rest ? `/${rest.split("/").map(encodeURIComponent).join("/")}` : ""}?${query}`);
    forward(request, response, url, shop, (upstream, body) =>
      storefront ? renderLiquidResponse(storefront, request, response, shop, upstream, body) : undefined,
    );
  });
}

/**
 * Sends the request on and pipes the answer back as it arrives. Liquid answers are collected
 * and handed to `renderLiquid` instead.
 */
function forward(
  request: SandboxRequest,
  response: ServerResponse,
  url: URL,
  shop: string,
  renderLiquid: (upstream: IncomingMessage, body: Buffer) => Promise<void> | undefined,
): void {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const outgoing = send(url, { method: request.method, headers: forwardedHeaders(request, shop) }, (upstream) => {
    const type = String(upstream.headers["content-type"] ?? "");
    if (type.startsWith("application/liquid")) {
      const chunks: Buffer[] = [];
      upstream.on("data", (chunk: Buffer) => chunks.push(chunk));
      upstream.on("end", () => {
        const rendering = renderLiquid(upstream, Buffer.concat(chunks));
        if (!rendering) return sendText(response, 502, "Liquid answers need the sandbox storefront", "text/plain");
        rendering.catch((error: Error) => {
          if (!response.headersSent) sendText(response, 500, `Liquid error: ${error.message}`, "text/plain");
        });
      });
      return;
    }
    response.writeHead(upstream.statusCode ?? 502, responseHeaders(upstream.headers));
    response.flushHeaders();
    upstream.pipe(response);
  });
  // A shopper who leaves (closing an event stream) ends the app's request too.
  response.on("close", () => outgoing.destroy());
  outgoing.on("error", (error) => {
    if (!response.headersSent) sendText(response, 502, `The app did not answer the app proxy: ${error.message}`, "text/plain");
    else response.destroy(error);
  });
  outgoing.end(request.rawBody);
}
