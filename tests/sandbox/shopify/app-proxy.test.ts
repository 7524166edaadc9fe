// App proxy forwarding: a tiny local "app" receives what the emulator forwards from
// /apps/live/*, and @shopify/shopify-api's own validator judges the signature.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "./index";
import { numericIdOf } from "./ids";
import { appProxySignature } from "./app-proxy";
import { testShopifyApi } from "./testing";
import { sandboxShopify } from "../config";
import { Shopper } from "./storefront/test-client";
import { storefrontOf } from "./storefront";
import { addFixtureShop, type FixtureShop } from "./storefront/test-fixtures";

interface Received {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

type AppHandler = (request: IncomingMessage, response: ServerResponse) => void;

let app: Server;
let appUrl: string;
let received: Received[];
let answer: AppHandler;
let emulator: ShopifyEmulator;
let fixture: FixtureShop;
let shopper: Shopper;
let shopCount = 0;
const shopify = testShopifyApi();

const reply: AppHandler = (_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "set-cookie": "app_session=secret; Path=/", "x-app": "yes" });
  response.end(JSON.stringify({ ok: true }));
};

beforeAll(async () => {
  app = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: request.method ?? "", url: new URL(request.url ?? "/", "http://app.local"), headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    answer(request, response);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  emulator = await startShopifyEmulator({ appUrl });
});
afterAll(async () => {
  await emulator.close();
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});
beforeEach(() => {
  shopCount += 1;
  received = [];
  answer = reply;
  fixture = addFixtureShop(emulator.state, `proxy-shop-${shopCount}.myshopify.com`, emulator.url);
  shopper = new Shopper(emulator.url, fixture.shop.domain);
});

const isValid = (query: URLSearchParams) => shopify.utils.validateHmac(query, { signator: "appProxy" });

describe("app proxy forwarding", () => {
  it("forwards to the app's /proxy path with Shopify's parameters and a signature shopify-api accepts", async () => {
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId) }); // the shopper now has a cart cookie
    const response = await shopper.get("/apps/live/bootstrap/now?show=7&tag=a&tag=b");
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-app")).toBe("yes");
    expect(response.headers.get("set-cookie")).toBeNull();

    const [forwarded] = received;
    expect(forwarded?.url.pathname).toBe("/proxy/bootstrap/now");
    const query = forwarded!.url.searchParams;
    expect(query.getAll("tag")).toEqual(["a", "b"]);
    expect(Object.fromEntries([...query].filter(([name]) => name !== "tag" && name !== "timestamp" && name !== "signature"))).toEqual({
      show: "7",
      shop: fixture.shop.domain,
      logged_in_customer_id: "",
      path_prefix: "/apps/live",
    });
    expect(Math.abs(Number(query.get("timestamp")) - Date.now() / 1000)).toBeLessThan(5);
    expect(query.get("signature")).toMatch(/^[0-9a-f]{64}$/);
    await expect(isValid(query)).resolves.toBe(true);
    expect(forwarded!.headers.cookie).toBeUndefined();
    expect(forwarded!.headers["x-forwarded-host"]).toBe(fixture.shop.domain);
  });

  it("signs what shopify-api checks: a tampered query, another secret or a swapped shop fail", async () => {
    await shopper.get("/apps/live/bootstrap?show=7");
    const query = received[0]!.url.searchParams;
    const tampered = new URLSearchParams(query);
    tampered.set("show", "8");
    await expect(isValid(tampered)).resolves.toBe(false);
    const otherShop = new URLSearchParams(query);
    otherShop.set("shop", "someone-else.myshopify.com");
    await expect(isValid(otherShop)).resolves.toBe(false);
    const otherSecret = new URLSearchParams(query);
    otherSecret.set("signature", appProxySignature(query, "not-the-app-secret"));
    await expect(isValid(otherSecret)).resolves.toBe(false);
  });

  it("replaces parameters a shopper tries to supply", async () => {
    await shopper.get(`/apps/live/chat?shop=${sandboxShopify.shopDomain}&logged_in_customer_id=1&signature=forged&timestamp=1`);
    const query = received[0]!.url.searchParams;
    expect(query.getAll("shop")).toEqual([fixture.shop.domain]);
    expect(query.getAll("logged_in_customer_id")).toEqual([""]);
    expect(query.getAll("signature")).toHaveLength(1);
    await expect(isValid(query)).resolves.toBe(true);
  });

  it("names the signed-in customer", async () => {
    await shopper.postForm("/account/login", { "customer[email]": "viewer@example.com" });
    await shopper.get("/apps/live/bootstrap");
    const query = received[0]!.url.searchParams;
    const customer = storefrontOf(emulator.state).customers.signIn(fixture.shop.domain, "viewer@example.com"); // the same customer again
    expect(query.get("logged_in_customer_id")).toBe(numericIdOf(customer.id));
    await expect(isValid(query)).resolves.toBe(true);
  });

  it("forwards the method, the body and its content type", async () => {
    const response = await shopper.postJson("/apps/live/chat/messages", { text: "Does it come in blue?" });
    expect(response.status).toBe(200);
    expect(received[0]).toMatchObject({ method: "POST", body: JSON.stringify({ text: "Does it come in blue?" }) });
    expect(received[0]!.headers["content-type"]).toBe("application/json");
  });

  it("streams an event stream as it is written, and closes the app's side when the shopper leaves", async () => {
    let appSideClosed!: () => void;
    const closed = new Promise<void>((resolve) => (appSideClosed = resolve));
    answer = (request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write("id: 1\nevent: status\ndata: {\"live\":true}\n\n");
      request.socket.on("close", appSideClosed);
    };
    const controller = new AbortController();
    const response = await fetch(`${emulator.url}/apps/live/events`, { headers: { "x-sandbox-shop": fixture.shop.domain }, signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const first = await reader.read(); // arrives although the app never ends the response
    expect(new TextDecoder().decode(first.value)).toBe('id: 1\nevent: status\ndata: {"live":true}\n\n');
    controller.abort();
    await closed;
  });

  it("renders application/liquid answers with the shop's theme", async () => {
    answer = (request, response) => {
      const bare = request.url?.includes("bare");
      response.writeHead(200, { "content-type": "application/liquid" });
      response.end(`${bare ? "{% layout none %}" : ""}<p class="from-app">{{ shop.name }} · {{ 1999 | money }}</p>`);
    };
    const bare = await shopper.get("/apps/live/bare");
    expect(bare.text.trim()).toBe('<p class="from-app">Fixture Boutique · $19.99</p>');
    expect(bare.headers.get("content-type")).toContain("text/html");
    const themed = await shopper.get("/apps/live/page");
    expect(themed.text).toContain('<p class="from-app">Fixture Boutique · $19.99</p>');
    expect(themed.text).toContain('<header class="site-header">');
  });

  it("answers 502 when the app is down", async () => {
    const down = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9" });
    try {
      addFixtureShop(down.state, "down-shop.myshopify.com", down.url);
      const response = await fetch(`${down.url}/apps/live/bootstrap`);
      expect(response.status).toBe(502);
    } finally {
      await down.close();
    }
  });
});
