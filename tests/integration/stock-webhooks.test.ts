// Inventory webhooks over real HTTP against the built app: verified, deduplicated, applied only
// when newer, and published to the viewers of the show whose lineup holds the variant.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordVariantInventory } from "~/inventory/stock.server";
import type { StockEventData } from "~/realtime/events";
import { startAppServer, type AppServer } from "../support/app-server";
import { dataOf, openEventStream, type EventStream } from "../support/sse-client";
import { afterSeed, bigId, inventoryLevelBody, seedShowWithStock, sendLevelUpdate, streamUrl, type StockFixture } from "../support/stock-fixtures";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { sandboxShopify } from "../sandbox/config";
import { restTimestamp } from "../sandbox/shopify/webhook-payloads";

let app: AppServer;
const streams: EventStream[] = [];

beforeAll(async () => {
  app = await startAppServer();
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await app?.close();
});

async function watch(fixture: StockFixture, headers: Record<string, string> = {}) {
  const stream = await openEventStream(streamUrl(app.url, fixture), { origin: fixture.origin, ...headers });
  streams.push(stream);
  return stream;
}

const levelUpdate = (fixture: StockFixture, variant: number, available: number | null, updatedAt: string, eventId?: string) =>
  sendLevelUpdate(app.url, fixture, variant, available, updatedAt, eventId);

async function storedLevel(fixture: StockFixture, variant: number) {
  const { inventoryItemId } = fixture.variants[variant] as StockFixture["variants"][number];
  return prisma.inventoryLevel.findFirstOrThrow({ where: { shop: fixture.shop, inventoryItemId, locationId: fixture.locationId } });
}

describe("inventory_levels/update", () => {
  it("reaches an open stream of the live show listing the variant as a stock event", async () => {
    const fixture = await seedShowWithStock();
    const stream = await watch(fixture);
    expect(stream.status).toBe(200);
    expect(stream.headers["access-control-allow-origin"]).toBe(fixture.origin);
    const snapshot = await stream.next();
    expect(snapshot.event).toBe("snapshot");
    expect(dataOf<{ stock: StockEventData[] }>(snapshot).stock).toContainEqual({
      variantId: fixture.variants[0]?.variantId,
      productId: fixture.productId,
      available: 10,
      inStock: true,
    });

    // Written as Shopify's REST payloads write times: with a UTC offset (New York's), not in Z.
    const response = await levelUpdate(fixture, 0, 7, restTimestamp(afterSeed(fixture, { hours: 6 }), "America/New_York"));
    expect(response.status).toBe(200);

    const stock = await stream.next();
    expect(stock.event).toBe("stock");
    expect(Number(stock.id)).toBe(Number(snapshot.id) + 1);
    expect(dataOf<StockEventData>(stock)).toEqual({ variantId: fixture.variants[0]?.variantId, productId: fixture.productId, available: 7, inStock: true });
  });

  it("ignores a duplicate delivery of the same event", async () => {
    const fixture = await seedShowWithStock();
    const stream = await watch(fixture);
    await stream.next(); // snapshot
    const eventId = randomUUID();

    const first = await levelUpdate(fixture, 0, 4, afterSeed(fixture, { hours: 1 }), eventId);
    const again = await levelUpdate(fixture, 0, 4, afterSeed(fixture, { hours: 1 }), eventId);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get("x-duplicate")).toBe("1");
    expect(await prisma.webhookReceipt.count({ where: { shop: fixture.shop, eventId } })).toBe(1);

    // The next event on the stream is the next change, not a second copy of the first.
    await levelUpdate(fixture, 1, 2, afterSeed(fixture, { hours: 1, seconds: 1 }));
    const events = [await stream.next(), await stream.next()].map((message) => dataOf<StockEventData>(message));
    expect(events.map((event) => [event.variantId, event.available])).toEqual([
      [fixture.variants[0]?.variantId, 4],
      [fixture.variants[1]?.variantId, 2],
    ]);
  });

  it("does not let an older level delivered late overwrite a newer one", async () => {
    const fixture = await seedShowWithStock();
    const stream = await watch(fixture);
    await stream.next(); // snapshot

    await levelUpdate(fixture, 0, 3, afterSeed(fixture, { hours: 2, seconds: 5 }));
    expect(dataOf<StockEventData>(await stream.next()).available).toBe(3);

    const late = await levelUpdate(fixture, 0, 9, afterSeed(fixture, { hours: 2, seconds: 1 }));
    expect(late.status).toBe(200);
    expect((await storedLevel(fixture, 0)).available).toBe(3);
    expect(await prisma.variantStock.findFirstOrThrow({ where: { shop: fixture.shop, variantId: fixture.variants[0]?.variantId } })).toMatchObject({
      available: 3,
    });

    // The late one published nothing: the next event is the next real change.
    await levelUpdate(fixture, 1, 1, afterSeed(fixture, { hours: 2, seconds: 6 }));
    expect(dataOf<StockEventData>(await stream.next())).toMatchObject({ variantId: fixture.variants[1]?.variantId, available: 1 });
  });

  it("keys a level on its location_id, not on the number in its GID (the level's own id)", async () => {
    const fixture = await seedShowWithStock();
    const { variantId, inventoryItemId, itemDigits, levelDigits } = fixture.variants[0] as StockFixture["variants"][number];
    const elsewhere = `gid://shopify/Location/${bigId()}`;
    await recordVariantInventory(fixture.shop, {
      variantId,
      productId: fixture.productId,
      inventoryItemId,
      tracked: true,
      levels: [{ locationId: elsewhere, available: 4, updatedAt: fixture.seededAt }],
    });
    const updatedAt = afterSeed(fixture, { hours: 1 });
    expect(levelDigits).not.toBe(fixture.locationId.split("/").pop());
    expect(inventoryLevelBody(fixture, itemDigits, 7, updatedAt)).toContain(`"admin_graphql_api_id":"gid://shopify/InventoryLevel/${levelDigits}?inventory_item_id=${itemDigits}"`);

    expect((await levelUpdate(fixture, 0, 7, updatedAt)).status).toBe(200);
    const levels = await prisma.inventoryLevel.findMany({ where: { shop: fixture.shop, inventoryItemId }, select: { locationId: true, available: true }, orderBy: { available: "desc" } });
    expect(levels).toEqual([
      { locationId: fixture.locationId, available: 7 },
      { locationId: elsewhere, available: 4 },
    ]);
    expect(await prisma.inventoryLevel.count({ where: { shop: fixture.shop, locationId: { notIn: [fixture.locationId, elsewhere] } } })).toBe(0);
    expect(await prisma.variantStock.findFirstOrThrow({ where: { shop: fixture.shop, variantId } })).toMatchObject({ available: 11 });
  });

  it("answers 400 naming the field when the body has no location_id", async () => {
    const fixture = await seedShowWithStock();
    const { itemDigits, levelDigits } = fixture.variants[0] as StockFixture["variants"][number];
    const body =
      `{"inventory_item_id":${itemDigits},"available":1,"updated_at":"${afterSeed(fixture, { hours: 2 })}",` +
      `"admin_graphql_api_id":"gid://shopify/InventoryLevel/${levelDigits}?inventory_item_id=${itemDigits}"}`;
    const response = await sendShopifyWebhook(app.url, { topic: "inventory_levels/update", shop: fixture.shop, body });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^inventory_levels\/update payload: location_id /);
    expect(await prisma.webhookReceipt.count({ where: { shop: fixture.shop } })).toBe(0);
  });
});

describe("inventory_levels/update under a flash sale", () => {
  it("ends every viewer at the truth after a burst of concurrent, shuffled deliveries with redeliveries", async () => {
    const fixture = await seedShowWithStock({ variants: 2 });
    const stream = await watch(fixture);
    await stream.next(); // snapshot
    // 60 changes a second apart for two variants, the last ones lowest; each delivered twice, in a shuffled order.
    const changes = Array.from({ length: 60 }, (_, index) => ({ variant: index % 2, available: 60 - index, second: index, eventId: randomUUID() }));
    const deliveries = [...changes, ...changes].sort(() => Math.random() - 0.5);
    const updatedAt = (second: number) => afterSeed(fixture, { hours: 6, seconds: second });
    const responses = await Promise.all(deliveries.map((change) => levelUpdate(fixture, change.variant, change.available, updatedAt(change.second), change.eventId)));
    expect(responses.map((response) => response.status)).toEqual(deliveries.map(() => 200));
    expect(responses.filter((response) => response.headers.get("x-duplicate") === "1")).toHaveLength(changes.length);
    expect(await prisma.webhookReceipt.count({ where: { shop: fixture.shop } })).toBe(changes.length);

    const truth = new Map(fixture.variants.map((variant, index) => [variant.variantId, index === 0 ? 2 : 1]));
    const seen = new Map<string, number>();
    while ([...truth].some(([variantId, available]) => seen.get(variantId) !== available)) {
      const event = dataOf<StockEventData>(await stream.next());
      seen.set(event.variantId, event.available as number);
    }
    const stored = await prisma.variantStock.findMany({ where: { shop: fixture.shop }, select: { variantId: true, available: true } });
    expect(new Map(stored.map((row) => [row.variantId, row.available]))).toEqual(truth);
  });

  it("answers 401 to a forged delivery and 400 to one without its headers or with a body that is not JSON, keeping nothing", async () => {
    const fixture = await seedShowWithStock();
    const body = inventoryLevelBody(fixture, (fixture.variants[0] as StockFixture["variants"][number]).itemDigits, 1, afterSeed(fixture, { hours: 7 }));
    const forged = await sendShopifyWebhook(app.url, { topic: "inventory_levels/update", shop: fixture.shop, body, secret: "not-the-app-secret" });
    expect(forged.status).toBe(401);

    const signature = createHmac("sha256", sandboxShopify.apiSecret).update(body).digest("base64");
    const headless = await fetch(`${app.url}/webhooks/inventory_levels/update`, { method: "POST", body, headers: { "x-shopify-hmac-sha256": signature } });
    expect(headless.status).toBe(400);
    expect((await headless.json()).error).toBe("Missing header: X-Shopify-Shop-Domain, X-Shopify-Topic, X-Shopify-Webhook-Id");

    const garbled = await sendShopifyWebhook(app.url, { topic: "inventory_levels/update", shop: fixture.shop, body: "{available: 1" });
    expect(garbled.status).toBe(400);
    expect((await garbled.json()).error).toBe("inventory_levels/update payload: body is not JSON");
    expect(await prisma.webhookReceipt.count({ where: { shop: fixture.shop } })).toBe(0);
  });
});

describe("Last-Event-ID", () => {
  it("gives a reconnecting viewer exactly the events it missed, then the live ones", async () => {
    const fixture = await seedShowWithStock({ variants: 3 });
    const observer = await watch(fixture);
    await observer.next(); // snapshot

    const leaving = await watch(fixture);
    await leaving.next(); // snapshot
    await levelUpdate(fixture, 0, 8, afterSeed(fixture, { hours: 3 }));
    const lastSeen = await leaving.next();
    await observer.next();
    leaving.close();

    await levelUpdate(fixture, 1, 6, afterSeed(fixture, { hours: 3, seconds: 1 }));
    await levelUpdate(fixture, 2, 5, afterSeed(fixture, { hours: 3, seconds: 2 }));
    const missed = [await observer.next(), await observer.next()];

    const back = await watch(fixture, { "last-event-id": String(lastSeen.id) });
    const resumed = [await back.next(), await back.next()];
    expect(resumed).toEqual(missed);

    await levelUpdate(fixture, 0, 0, afterSeed(fixture, { hours: 3, seconds: 3 }));
    const live = await back.next();
    expect(Number(live.id)).toBe(Number(missed[1]?.id) + 1);
    expect(dataOf<StockEventData>(live)).toMatchObject({ variantId: fixture.variants[0]?.variantId, available: 0, inStock: false });
  });

  it("sends a snapshot when the viewer's last event is older than the instance's history of the show", async () => {
    const fixture = await seedShowWithStock();
    await prisma.show.update({ where: { id: fixture.showId }, data: { lastEventSeq: 40 } });
    const stream = await watch(fixture, { "last-event-id": "3" });
    const first = await stream.next();
    expect(first.event).toBe("snapshot");
    expect(first.id).toBe("40");
  });
});

describe("inventory_items/update", () => {
  it("publishes a variant that stops tracking inventory as always available", async () => {
    const fixture = await seedShowWithStock({ available: 0 });
    const stream = await watch(fixture);
    await stream.next(); // snapshot
    const { inventoryItemId, itemDigits } = fixture.variants[0] as StockFixture["variants"][number];
    const body = `{"id":${itemDigits},"tracked":false,"updated_at":"${afterSeed(fixture, { hours: 4 })}","admin_graphql_api_id":"${inventoryItemId}"}`;
    expect((await sendShopifyWebhook(app.url, { topic: "inventory_items/update", shop: fixture.shop, body })).status).toBe(200);
    expect(dataOf<StockEventData>(await stream.next())).toEqual({
      variantId: fixture.variants[0]?.variantId,
      productId: fixture.productId,
      available: null,
      inStock: true,
    });
  });
});

describe("products/delete and products/update", () => {
  it("marks a deleted product removed in lineups and shows its variants sold out", async () => {
    const fixture = await seedShowWithStock({ variants: 1 });
    const stream = await watch(fixture);
    await stream.next(); // snapshot
    const digits = fixture.productId.split("/").pop() as string;
    const response = await sendShopifyWebhook(app.url, { topic: "products/delete", shop: fixture.shop, body: `{"id":${digits}}` });
    expect(response.status).toBe(200);
    const lineup = await prisma.showProduct.findFirstOrThrow({ where: { shop: fixture.shop, productId: fixture.productId } });
    expect(lineup.removedAt).toBeInstanceOf(Date);
    expect(dataOf<StockEventData>(await stream.next())).toEqual({
      variantId: fixture.variants[0]?.variantId,
      productId: fixture.productId,
      available: 0,
      inStock: false,
    });
  });

  it("refreshes the lineup title and maps a new variant to its inventory item, digits intact", async () => {
    const fixture = await seedShowWithStock({ variants: 1 });
    const [known] = fixture.variants as [StockFixture["variants"][number]];
    const added = { variantId: `gid://shopify/ProductVariant/${bigId()}`, itemDigits: bigId() };
    const variantJson = (variantId: string, itemDigits: string) => `{"admin_graphql_api_id":"${variantId}","inventory_item_id":${itemDigits}}`;
    const body =
      `{"admin_graphql_api_id":"${fixture.productId}","title":"Wool scarf","handle":"wool-scarf","updated_at":"${afterSeed(fixture, { hours: 5 })}",` +
      `"variants":[${variantJson(known.variantId, known.itemDigits)},${variantJson(added.variantId, added.itemDigits)}]}`;
    expect((await sendShopifyWebhook(app.url, { topic: "products/update", shop: fixture.shop, body })).status).toBe(200);

    expect(await prisma.showProduct.findFirstOrThrow({ where: { shop: fixture.shop, productId: fixture.productId } })).toMatchObject({
      title: "Wool scarf",
      handle: "wool-scarf",
    });
    expect(await prisma.variantStock.findFirstOrThrow({ where: { shop: fixture.shop, variantId: added.variantId } })).toMatchObject({
      productId: fixture.productId,
      inventoryItemId: `gid://shopify/InventoryItem/${added.itemDigits}`,
    });
  });
});
