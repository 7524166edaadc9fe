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

describe("the control page (GET /__sandbox)", () => {
  type Location = { id: string; name: string; fulfillsOnlineOrders: boolean; isActive: boolean };
  type Stock = { onlineAvailable: number | null; locations: { locationId: string; name: string; sellsOnline: boolean; available: number | null }[] };

  /** The row of one variant as the page shows it: each location's number and the online total. */
  async function rowOnPage(variantId: string) {
    const response = await fetch(`${emulator.url}/__sandbox?shop=${SHOP}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const row = new RegExp(`<tr data-row="${variantId}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
    if (!row) throw new Error(`no row for ${variantId}`);
    const levels = Object.fromEntries([...row.matchAll(/value="(-?\d*)"[^>]*aria-label="([^"]*)"[^>]*data-location="([^"]+)"/g)].map((match) => [match[3]!, { value: match[1]!, label: match[2]! }]));
    const total = /<output data-online-total>([\s\S]*?)<\/output>/.exec(row)?.[1];
    return { html, levels, total };
  }

  it("names each location, says whether it sells online, and shows the online total shoppers see", async () => {
    const { body: shop } = await call<{ locations: Location[] }>("GET", `/__sandbox/shops/${SHOP}`);
    const { body } = await call<{ products: { handle: string; variants: { id: string; available: number | null; levels: { locationId: string; available: number }[] }[] }[] }>("GET", `/__sandbox/shops/${SHOP}/products`);
    const variant = body.products.find((product) => product.handle === "oxford-button-down")!.variants[0]!;
    const { html, levels, total } = await rowOnPage(variant.id);

    expect(html).toContain("Shoppers see the sum of the stock at Stockholm Flagship and Göteborg Store, the locations that sell online");
    expect(html).toContain("Stock at Borås Warehouse is not counted.");
    for (const location of shop.locations) {
      const note = location.fulfillsOnlineOrders ? "sells online" : "does not sell online";
      expect(html).toContain(`${location.name}<small>${note}</small>`);
      const level = variant.levels.find((candidate) => candidate.locationId === location.id)!;
      expect(levels[location.id]).toEqual({ value: String(level.available), label: `Stock at ${location.name} (${note}), Oxford Button-Down — XS / Blue` });
    }
    const online = shop.locations.filter((location) => location.fulfillsOnlineOrders).map((location) => location.id);
    expect(total).toBe(String(variant.levels.filter((level) => online.includes(level.locationId)).reduce((sum, level) => sum + level.available, 0)));
    expect(total).toBe(String(variant.available));
  });

  it("sets one location's stock, leaves the others, and shows exactly what was entered and the new online total", async () => {
    const { body: shop } = await call<{ locations: Location[] }>("GET", `/__sandbox/shops/${SHOP}`);
    const [stockholm, goteborg, boras] = ["Stockholm Flagship", "Göteborg Store", "Borås Warehouse"].map((name) => shop.locations.find((location) => location.name === name)!);
    const { body } = await call<{ products: { handle: string; variants: { id: string }[] }[] }>("GET", `/__sandbox/shops/${SHOP}/products`);
    const variantId = body.products.find((product) => product.handle === "fleece-half-zip")!.variants[0]!.id;
    const before = await rowOnPage(variantId);
    const goteborgBefore = Number(before.levels[goteborg!.id]!.value);
    const borasBefore = Number(before.levels[boras!.id]!.value);
    expect(goteborgBefore, "the seed stocks this variant in Göteborg, so a 0 in Stockholm still leaves some online").toBeGreaterThan(0);

    const set = await call<{ locationId: string; stock: Stock }>("POST", `/__sandbox/shops/${SHOP}/inventory/set`, { variantId, locationId: stockholm!.id, available: 0 });
    expect(set.status).toBe(200);
    expect(set.body.locationId).toBe(stockholm!.id);
    expect(set.body.stock.onlineAvailable).toBe(goteborgBefore);
    expect(set.body.stock.locations).toEqual([
      { locationId: stockholm!.id, name: "Stockholm Flagship", sellsOnline: true, note: "sells online", available: 0 },
      { locationId: goteborg!.id, name: "Göteborg Store", sellsOnline: true, note: "sells online", available: goteborgBefore },
      { locationId: boras!.id, name: "Borås Warehouse", sellsOnline: false, note: "does not sell online", available: borasBefore },
    ]);

    const after = await rowOnPage(variantId);
    expect(after.levels[stockholm!.id]!.value).toBe("0");
    expect(after.levels[goteborg!.id]!.value).toBe(String(goteborgBefore));
    expect(after.levels[boras!.id]!.value).toBe(String(borasBefore));
    expect(after.total).toBe(String(goteborgBefore));

    // Stock at the warehouse is the merchant's, but no shopper sees it.
    await call("POST", `/__sandbox/shops/${SHOP}/inventory/set`, { variantId, locationId: boras!.id, available: 500 });
    expect((await rowOnPage(variantId)).total).toBe(String(goteborgBefore));
  });

  it("shows an untracked variant as always available, with nothing to set", async () => {
    const { body } = await call<{ products: { handle: string; variants: { id: string }[] }[] }>("GET", `/__sandbox/shops/${SHOP}/products`);
    const variantId = body.products.find((product) => product.handle === "canvas-tote-bag")!.variants[0]!.id;
    const { html, total } = await rowOnPage(variantId);
    expect(total).toBe("Not tracked<small>always available</small>");
    expect(html).not.toContain(`data-save="${variantId}"`);
  });
});

