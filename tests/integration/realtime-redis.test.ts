// Two app instances sharing Redis: a viewer is connected to one, Shopify's webhook lands on the
// other, and the stock event still reaches the viewer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StockEventData } from "~/realtime/events";
import { startAppServer, type AppServer } from "../support/app-server";
import { dataOf, openEventStream, type EventStream } from "../support/sse-client";
import { afterSeed, seedShowWithStock, sendLevelUpdate, streamUrl } from "../support/stock-fixtures";

const REDIS_URL = "redis://127.0.0.1:6379";
let receiving: AppServer;
let streaming: AppServer;
const streams: EventStream[] = [];

beforeAll(async () => {
  [receiving, streaming] = await Promise.all([startAppServer({ REDIS_URL }), startAppServer({ REDIS_URL })]);
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await Promise.all([receiving?.close(), streaming?.close()]);
});

describe("two app instances on one Redis", () => {
  it("carries a webhook received by one instance to a viewer connected to the other", async () => {
    const fixture = await seedShowWithStock();
    const stream = await openEventStream(streamUrl(streaming.url, fixture));
    streams.push(stream);
    const snapshot = await stream.next();
    expect(snapshot.event).toBe("snapshot");

    const [variant] = fixture.variants as [(typeof fixture.variants)[number]];
    const response = await sendLevelUpdate(receiving.url, fixture, 0, 2, afterSeed(fixture, { hours: 6 }));
    expect(response.status).toBe(200);

    const stock = await stream.next();
    expect(stock.event).toBe("stock");
    expect(Number(stock.id)).toBe(Number(snapshot.id) + 1);
    expect(dataOf<StockEventData>(stock)).toEqual({ variantId: variant.variantId, productId: fixture.productId, available: 2, inStock: true });
  });

  it("numbers events of one show from both instances without a collision", async () => {
    const fixture = await seedShowWithStock({ variants: 2 });
    const stream = await openEventStream(streamUrl(streaming.url, fixture));
    streams.push(stream);
    await stream.next(); // snapshot
    await Promise.all([
      sendLevelUpdate(receiving.url, fixture, 0, 1, afterSeed(fixture, { hours: 6 })),
      sendLevelUpdate(streaming.url, fixture, 1, 5, afterSeed(fixture, { hours: 6 })),
    ]);
    const ids = [await stream.next(), await stream.next()].map((message) => Number(message.id)).sort();
    expect(ids[1]).toBe((ids[0] as number) + 1);
  });
});
