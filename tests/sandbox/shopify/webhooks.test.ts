// Webhook deliveries checked by the real verifier (@shopify/shopify-api's webhooks.validate)
// at a small local receiver, plus the misbehaviour switches and retries.
import { Session } from "@shopify/shopify-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routeShopsToSandbox } from "../../../app/shopify/sandbox-dispatcher.server";
import { startShopifyEmulator, type ShopifyEmulator } from "./index";
import type { SandboxVariant } from "./state";
import { startTestReceiver, testShopifyApi, type ReceivedWebhook, type TestReceiver } from "./testing";

const SHOP = "hooks-test.myshopify.com";
const shopify = testShopifyApi();
let receiver: TestReceiver;
let emulator: ShopifyEmulator;
let variant: SandboxVariant;
let storeId: string;

beforeEach(async () => {
  receiver = await startTestReceiver();
  emulator = await startShopifyEmulator({ appUrl: receiver.url });
  emulator.webhooks.configure({ backoffMs: 5 });
  const store = emulator.state.newLocation("Store", true);
  storeId = store.id;
  emulator.state.createShop({ domain: SHOP, currencyCode: "SEK", ianaTimezone: "Europe/Stockholm", locations: [store] });
  const product = emulator.state.addProduct(SHOP, {
    handle: "scarf",
    title: "Scarf",
    imageUrl: "http://x/scarf.svg",
    options: [{ name: "Color", values: ["Red"] }],
    variants: [{ optionValues: ["Red"], sku: "SC-R", price: 49900, stock: { [store.id]: 10 } }],
  });
  variant = product.variants[0] as SandboxVariant;
});

afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

function validate(delivery: Pick<ReceivedWebhook, "headers" | "method" | "url">, rawBody: string) {
  return shopify.webhooks.validate({ rawBody, rawRequest: { headers: delivery.headers, method: delivery.method, url: delivery.url } });
}

function header(delivery: ReceivedWebhook, name: string): string {
  const value = delivery.headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

describe("signed deliveries", () => {
  it("verify with shopify.webhooks.validate, and a tampered body does not", async () => {
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 4);
    const [delivery] = await receiver.waitForCount(1);
    if (!delivery) throw new Error("nothing arrived");
    expect(delivery.url).toBe("/webhooks/inventory_levels/update");
    expect(header(delivery, "content-type")).toBe("application/json");
    expect(header(delivery, "x-shopify-topic")).toBe("inventory_levels/update");
    expect(header(delivery, "x-shopify-api-version")).toBe("2026-07");

    const valid = await validate(delivery, delivery.rawBody);
    expect(valid).toMatchObject({ valid: true, domain: SHOP, apiVersion: "2026-07", webhookId: header(delivery, "x-shopify-webhook-id"), eventId: header(delivery, "x-shopify-event-id") });

    const tampered = await validate(delivery, delivery.rawBody.replace('"available":4', '"available":40'));
    expect(tampered.valid).toBe(false);
  });

  it("write ids beyond 2^53 digit for digit and the documented inventory level shape", async () => {
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 3);
    const [delivery] = await receiver.waitForCount(1);
    const itemDigits = variant.inventoryItem.id.split("/").pop() ?? "";
    const locationDigits = storeId.split("/").pop() ?? "";
    const levelDigits = variant.inventoryItem.levels[0]?.id.split("/").pop() ?? "";
    expect(BigInt(itemDigits)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    // Shopify's shape: the level's own id in its GID, the location only in location_id.
    expect(levelDigits).not.toBe(locationDigits);
    const raw = delivery?.rawBody ?? "{}";
    expect(raw).toContain(`{"inventory_item_id":${itemDigits},"location_id":${locationDigits},"available":3,`);
    expect(raw).toContain(`"admin_graphql_api_id":"gid://shopify/InventoryLevel/${levelDigits}?inventory_item_id=${itemDigits}"}`);
    const body = JSON.parse(raw) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["inventory_item_id", "location_id", "available", "updated_at", "admin_graphql_api_id"]);
    expect(body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00$/);
  });

  it("name a level by the id the Admin API gives the same level", async () => {
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 2);
    const [delivery] = await receiver.waitForCount(1);
    const { admin_graphql_api_id: webhookLevelId } = JSON.parse(delivery?.rawBody ?? "{}") as { admin_graphql_api_id: string };

    routeShopsToSandbox(emulator.url);
    const scope = "read_products,read_inventory";
    const { accessToken } = emulator.tokens.issue({ shop: SHOP, scope, online: false, expiring: false });
    const client = new shopify.clients.Graphql({ session: new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken, scope }) });
    type Levels = { nodes: Array<{ inventoryItem: { inventoryLevels: { nodes: Array<{ id: string; location: { id: string } }> } } }> };
    const { data } = await client.request<Levels>(
      `query Levels($ids: [ID!]!) { nodes(ids: $ids) { ... on ProductVariant { inventoryItem { inventoryLevels(first: 5) { nodes { id location { id } } } } } } }`,
      { variables: { ids: [variant.id] } },
    );
    expect(data?.nodes[0]?.inventoryItem.inventoryLevels.nodes).toEqual([{ id: webhookLevelId, location: { id: storeId } }]);
    type Node = { nodes: Array<{ id: string; location: { id: string } } | null> };
    const { data: byId } = await client.request<Node>(`query Level($ids: [ID!]!) { nodes(ids: $ids) { ... on InventoryLevel { id location { id } } } }`, {
      variables: { ids: [webhookLevelId] },
    });
    expect(byId?.nodes).toEqual([{ id: webhookLevelId, location: { id: storeId } }]);
  });

  it("send orders/paid and refunds/create in the REST shapes", async () => {
    const order = emulator.state.createPaidOrder(SHOP, {
      lines: [{ variantId: variant.id, quantity: 2, properties: [{ name: "_live_show", value: "show-9" }] }],
      attributes: [{ key: "live_show", value: "show-9" }],
    });
    const line = order.lines[0];
    if (!line) throw new Error("no line");
    emulator.state.refundOrder(SHOP, order.id, [{ lineId: line.id, quantity: 1 }]);
    await emulator.webhooks.settled();
    const byTopic = (topic: string) => receiver.received.find((delivery) => header(delivery, "x-shopify-topic") === topic);
    const paid = byTopic("orders/paid");
    const refund = byTopic("refunds/create");
    expect(paid?.rawBody).toContain(`"variant_id":${variant.id.split("/").pop()}`);
    expect(JSON.parse(paid?.rawBody ?? "{}")).toMatchObject({
      admin_graphql_api_id: order.id,
      name: order.name,
      currency: "SEK",
      subtotal_price: "998.00",
      note_attributes: [{ name: "live_show", value: "show-9" }],
      line_items: [{ admin_graphql_api_id: line.id, quantity: 2, price: "499.00", properties: [{ name: "_live_show", value: "show-9" }] }],
    });
    expect(refund?.rawBody).toContain(`"order_id":${order.id.split("/").pop()}`);
    expect(JSON.parse(refund?.rawBody ?? "{}")).toMatchObject({ refund_line_items: [{ quantity: 1, subtotal: 499, line_item: { admin_graphql_api_id: line.id } }] });
  });

  it("still sends app/uninstalled after an uninstall, and nothing else", async () => {
    emulator.state.uninstall(SHOP);
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 1);
    emulator.state.requestCustomerRedact(SHOP, { id: "gid://shopify/Customer/7", email: "a@b.c" });
    emulator.state.requestShopRedact(SHOP);
    await emulator.webhooks.settled();
    expect(receiver.received.map((delivery) => header(delivery, "x-shopify-topic"))).toEqual(["app/uninstalled", "shop/redact"]);
    expect(JSON.parse(receiver.received[0]?.rawBody ?? "{}")).toMatchObject({ myshopify_domain: SHOP });
  });
});

describe("misbehaviour on request", () => {
  it("duplicates every event: same event id, new webhook id", async () => {
    emulator.webhooks.configure({ duplicate: true });
    emulator.state.adjustAvailable(SHOP, variant.inventoryItem.id, storeId, -1);
    const [first, second] = await receiver.waitForCount(2);
    if (!first || !second) throw new Error("missing deliveries");
    expect(header(first, "x-shopify-event-id")).toBe(header(second, "x-shopify-event-id"));
    expect(header(first, "x-shopify-webhook-id")).not.toBe(header(second, "x-shopify-webhook-id"));
    expect(first.rawBody).toBe(second.rawBody);
    expect((await validate(second, second.rawBody)).valid).toBe(true);
  });

  it("holds a batch and delivers it in reverse order", async () => {
    emulator.webhooks.configure({ outOfOrder: { order: "reverse", batchSize: 3 } });
    for (const available of [7, 8, 9]) emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, available);
    const received = await receiver.waitForCount(3);
    const values = received.map((delivery) => (JSON.parse(delivery.rawBody) as { available: number }).available);
    expect(values).toEqual([9, 8, 7]);
    const stamps = received.map((delivery) => (JSON.parse(delivery.rawBody) as { updated_at: string }).updated_at);
    expect([...stamps].sort().reverse()).toEqual(stamps);
  });

  it("shuffles a batch deterministically, never in the original order", async () => {
    emulator.webhooks.configure({ outOfOrder: { order: "shuffle", batchSize: 4, seed: 7 } });
    for (const available of [1, 2, 3, 4]) emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, available);
    const values = (await receiver.waitForCount(4)).map((delivery) => (JSON.parse(delivery.rawBody) as { available: number }).available);
    expect([...values].sort()).toEqual([1, 2, 3, 4]);
    expect(values).not.toEqual([1, 2, 3, 4]);
  });

  it("releases a partial batch when settled", async () => {
    emulator.webhooks.configure({ outOfOrder: { order: "reverse", batchSize: 10 } });
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 5);
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 6);
    expect(emulator.webhooks.heldCount).toBe(2);
    await emulator.webhooks.settled();
    expect(receiver.received.map((delivery) => (JSON.parse(delivery.rawBody) as { available: number }).available)).toEqual([6, 5]);
  });

  it("delays deliveries by the configured time", async () => {
    emulator.webhooks.configure({ delayMs: 150 });
    const before = Date.now();
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 2);
    await receiver.waitForCount(1);
    expect(Date.now() - before).toBeGreaterThanOrEqual(145);
  });
});

describe("retries", () => {
  it("retries a delivery the app answered with 500, keeping its webhook and event ids", async () => {
    receiver.respondWith([500]);
    emulator.state.setAvailable(SHOP, variant.inventoryItem.id, storeId, 6);
    const [failed, retried] = await receiver.waitForCount(2);
    if (!failed || !retried) throw new Error("no retry");
    expect(failed.status).toBe(500);
    expect(retried.status).toBe(200);
    expect(header(retried, "x-shopify-webhook-id")).toBe(header(failed, "x-shopify-webhook-id"));
    expect(header(retried, "x-shopify-event-id")).toBe(header(failed, "x-shopify-event-id"));
    await emulator.webhooks.settled();
    expect(emulator.webhooks.log.map((entry) => [entry.attempt, entry.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it("retries on connection errors and gives up after maxAttempts", async () => {
    const gone = await startTestReceiver();
    await gone.close();
    const lonely = await startShopifyEmulator({ appUrl: gone.url });
    try {
      lonely.webhooks.configure({ maxAttempts: 3, backoffMs: 1 });
      const location = lonely.state.newLocation("Store", true);
      lonely.state.createShop({ domain: SHOP, locations: [location] });
      const product = lonely.state.addProduct(SHOP, {
        handle: "x",
        title: "X",
        imageUrl: "http://x/x.svg",
        options: [{ name: "Title", values: ["Default Title"] }],
        variants: [{ optionValues: ["Default Title"], sku: "X", price: 100, stock: { [location.id]: 1 } }],
      });
      lonely.state.adjustAvailable(SHOP, product.variants[0]?.inventoryItem.id ?? "", location.id, 1);
      await lonely.webhooks.settled();
      expect(lonely.webhooks.log.map((entry) => [entry.attempt, entry.status])).toEqual([
        [1, null],
        [2, null],
        [3, null],
      ]);
      expect(lonely.webhooks.log[0]?.error).toMatch(/ECONNREFUSED|fetch failed/);
    } finally {
      await lonely.close();
    }
  });
});
