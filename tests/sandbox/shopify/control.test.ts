// The /__sandbox/ control endpoints and the route-module hook, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendJson } from "../http";
import { startShopifyEmulator, type ShopifyEmulator } from "./index";
import { startTestReceiver, type TestReceiver } from "./testing";

const SHOP = "northwind-demo.myshopify.com";
let emulator: ShopifyEmulator;
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = await startTestReceiver();
  emulator = await startShopifyEmulator({
    appUrl: receiver.url,
    seed: true,
    register: (router, context) => router.add("GET", "/hello", (request, response) => sendJson(response, 200, { shop: context.shopOf(request), appUrl: context.appUrl })),
  });
});

afterAll(async () => {
  await emulator?.close();
  await receiver?.close();
});

async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.url}${path}`, { method, headers: { "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as T };
}

describe("route modules", () => {
  it("are registered with the shared context and resolve the shop from Host, header or query", async () => {
    const byQuery = await call<{ shop: string; appUrl: string }>("GET", `/hello?shop=${SHOP}`);
    expect(byQuery.body).toEqual({ shop: SHOP, appUrl: receiver.url });
    const byHeader = await fetch(`${emulator.url}/hello`, { headers: { "x-sandbox-shop": "other.myshopify.com" } });
    expect(await byHeader.json()).toMatchObject({ shop: "other.myshopify.com" });
  });
});

describe("/__sandbox/", () => {
  it("creates shops and refuses a bad domain", async () => {
    expect((await call("POST", "/__sandbox/shops", { domain: "fresh.myshopify.com", currencyCode: "EUR" })).body).toMatchObject({ domain: "fresh.myshopify.com", currencyCode: "EUR", productCount: 0 });
    expect((await call("POST", "/__sandbox/shops", { domain: "not a shop" })).status).toBe(400);
  });

  it("sets stock by variant id, pays an order, refunds it, and the app hears each", async () => {
    const { body } = await call<{ products: { handle: string; variants: { id: string; available: number | null }[] }[] }>("GET", `/__sandbox/shops/${SHOP}/products`);
    const variant = body.products.find((product) => product.handle === "organic-cotton-tee")?.variants[0];
    if (!variant) throw new Error("seed changed");
    expect((await call("POST", `/__sandbox/shops/${SHOP}/inventory/set`, { variantId: variant.id, available: 4 })).status).toBe(200);

    const paid = await call<{ id: string; lines: { id: string }[] }>("POST", `/__sandbox/shops/${SHOP}/orders`, {
      lines: [{ variantId: variant.id, quantity: 1, properties: [{ name: "_live_show", value: "s" }] }],
    });
    expect(paid.status).toBe(200);
    const refund = await call("POST", `/__sandbox/shops/${SHOP}/refunds`, { orderId: paid.body.id, lines: [{ lineId: paid.body.lines[0]?.id, quantity: 1 }] });
    expect(refund.status).toBe(200);

    const oversold = await call("POST", `/__sandbox/shops/${SHOP}/orders`, { lines: [{ variantId: variant.id, quantity: 10_000 }] });
    expect(oversold.status).toBe(409);

    const settled = await call<{ deliveries: { topic: string; status: number }[] }>("POST", "/__sandbox/webhooks/settle", {});
    expect(settled.body.deliveries.map((delivery) => delivery.topic)).toEqual(["inventory_levels/update", "inventory_levels/update", "orders/paid", "refunds/create"]);
    expect(settled.body.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
  });

  it("flips the webhook and throttle switches and mints session tokens", async () => {
    expect((await call("POST", "/__sandbox/webhooks", { duplicate: true, delayMs: 5 })).body).toMatchObject({ switches: { duplicate: true, delayMs: 5 } });
    expect((await call("POST", "/__sandbox/webhooks/reset", {})).body).toMatchObject({ switches: { duplicate: false, delayMs: 0 } });
    expect((await call("POST", "/__sandbox/throttle", { count: 2 })).body).toEqual({ pending: 2 });
    emulator.throttle.throttleNext(0);
    const minted = await call<{ token: string }>("POST", "/__sandbox/session-token", { shop: SHOP });
    expect(minted.body.token.split(".")).toHaveLength(3);
    expect((await call("POST", "/__sandbox/session-token", { shop: "unknown.myshopify.com" })).status).toBe(404);
  });
});
