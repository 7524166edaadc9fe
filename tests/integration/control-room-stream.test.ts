// The control room's stream of a show over real HTTP (app/analytics/control-room-stream.server.ts):
// only a current ticket for that shop's show opens it; it opens with the show's status, numbers
// and the lineup's stock; it counts each storefront viewer once (by viewer token) and previewers
// not at all, keeping the minute's peak; it resumes from Last-Event-ID; and the merchant's own
// figures (sales, add-to-carts) reach it, never the shoppers' stream.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ControlRoomSnapshot } from "~/analytics/control-room-snapshot.server";
import prisma from "~/db.server";
import { signToken } from "~/lib/signed-token";
import { signAdminTicket } from "~/realtime/admin-ticket.server";
import type { CartsEventData, SalesEventData, StockEventData, ViewersEventData } from "~/realtime/events";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret, sandboxShopify } from "../sandbox/config";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { startAppServer, type AppServer } from "../support/app-server";
import { createShowWithCreator } from "../support/commission-shows";
import { nextProductNumber, orderPaidBody, uniqueShop } from "../support/order-payloads";
import { dataOf, openEventStream, type EventStream, type SseMessage } from "../support/sse-client";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { afterSeed, inventoryLevelBody, seedShowWithStock, streamUrl } from "../support/stock-fixtures";

let app: AppServer;
const streams: EventStream[] = [];

beforeAll(async () => {
  // Every change of the count is announced at once (production: at most one a second), viewer
  // events are written every second, and each stream that opens reads its snapshot afresh (else it
  // may get one up to two seconds old, followed by the events since, which a test would have to fold).
  app = await startAppServer({ REALTIME_VIEWERS_INTERVAL_MS: "1", ANALYTICS_FLUSH_SECONDS: "1", REALTIME_SNAPSHOT_MAX_AGE_MS: "1" });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await app?.close();
});

const inAMinute = () => new Date(Date.now() + 60_000);

function adminStreamUrl(shop: string, showId: string, { ticket = signAdminTicket(sandboxAppSecret, shop, showId, inAMinute()), extra = "" } = {}) {
  return `${app.url}/realtime/admin/shows/${showId}?shop=${shop}&ticket=${ticket}${extra}`;
}

/** A storefront viewer's stream, with the token the bootstrap would have handed them. */
function viewerStreamUrl(fixture: { shop: string; showId: string }, viewerId: string, preview = false) {
  return streamUrl(app.url, fixture, `&token=${signViewerToken(sandboxAppSecret, fixture.showId, inAMinute(), { viewerId, preview })}`);
}

async function open(url: string, headers: Record<string, string> = {}) {
  const stream = await openEventStream(url, headers);
  streams.push(stream);
  return stream;
}

/** Takes events until one matches, and answers every event taken, the match last. */
async function until(stream: EventStream, matches: (message: SseMessage) => boolean): Promise<SseMessage[]> {
  const taken: SseMessage[] = [];
  for (;;) {
    const message = await stream.next();
    taken.push(message);
    if (matches(message)) return taken;
  }
}

const viewersCount = (count: number) => (message: SseMessage) => message.event === "viewers" && dataOf<ViewersEventData>(message).count === count;

describe("the control room's stream", () => {
  it("opens only with a current ticket for that shop's show, and answers no other site", async () => {
    const fixture = await seedShowWithStock();
    const other = await seedShowWithStock();
    const { shop, showId } = fixture;
    const refusals = [
      await open(`${app.url}/realtime/admin/shows/${showId}?shop=${shop}`),
      await open(adminStreamUrl(shop, showId, { ticket: signAdminTicket(sandboxAppSecret, shop, showId, new Date(Date.now() - 1)) })),
      await open(adminStreamUrl(shop, showId, { ticket: signAdminTicket(sandboxAppSecret, shop, other.showId, inAMinute()) })),
      await open(adminStreamUrl(shop, showId, { ticket: signAdminTicket(sandboxAppSecret, other.shop, showId, inAMinute()) })),
      // A storefront viewer's token names the show too, but is signed for another purpose.
      await open(adminStreamUrl(shop, showId, { ticket: signToken(sandboxAppSecret, "viewer", { shop, showId }, inAMinute()) })),
    ];
    expect(refusals.map((stream) => stream.status)).toEqual([401, 401, 401, 401, 401]);
    expect(await refusals[1]!.body).toMatch(/expired/);
    // Another shop's show, with a ticket for it made out to this shop: not found here.
    expect((await open(adminStreamUrl(shop, other.showId))).status).toBe(404);
    expect((await fetch(adminStreamUrl(shop, showId), { method: "POST" })).status).toBe(405);

    const admitted = await open(adminStreamUrl(shop, showId), { origin: "https://attacker.example" });
    expect(admitted.status).toBe(200);
    expect(admitted.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await admitted.next()).event).toBe("snapshot");
  });

  it("opens with the show's status, numbers and the lineup's stock", async () => {
    const fixture = await seedShowWithStock({ available: 6 });
    const stream = await open(adminStreamUrl(fixture.shop, fixture.showId));
    const snapshot = await stream.next();
    expect(snapshot.event).toBe("snapshot");
    expect(Number(snapshot.id)).toBeGreaterThanOrEqual(0);
    const data = dataOf<ControlRoomSnapshot>(snapshot);
    expect(data.status).toBe("live");
    expect(data.figures).toEqual({ viewersNow: 0, viewersPeak: 0, addToCarts: 0, orders: 0, revenueLabel: expect.stringMatching(/^0\.00 [A-Z]{3}$/), stockCorrections: 0 });
    expect(data.stock).toEqual(
      expect.arrayContaining(fixture.variants.map((variant) => ({ variantId: variant.variantId, productId: fixture.productId, available: 6, inStock: true }))),
    );
  });

  it("counts each storefront viewer once, previewers and tokens without a viewer not at all, and keeps the minute's peak", async () => {
    const fixture = await seedShowWithStock();
    const room = await open(adminStreamUrl(fixture.shop, fixture.showId));
    expect((await room.next()).event).toBe("snapshot");

    // A previewer, and a token from before viewers had ids: admitted, not counted.
    const uncounted = [
      await open(viewerStreamUrl(fixture, "previewer", true)),
      await open(streamUrl(app.url, fixture, `&token=${signViewerToken(sandboxAppSecret, fixture.showId, inAMinute())}`)),
    ];
    // Ada's stream reconnected before the server saw the first one close: two streams, one viewer.
    const ada = [await open(viewerStreamUrl(fixture, "ada")), await open(viewerStreamUrl(fixture, "ada"))];
    const bo = await open(viewerStreamUrl(fixture, "bo"));
    // A stream's snapshot comes after it was counted: from here on the count is settled.
    for (const stream of [...uncounted, ...ada, bo]) expect((await stream.next()).event).toBe("snapshot");

    const announced = await until(room, viewersCount(2));
    expect(announced.filter((message) => message.event === "viewers").map((message) => dataOf<ViewersEventData>(message).count)).toEqual(expect.arrayContaining([2]));
    expect(announced.every((message) => message.event !== "viewers" || dataOf<ViewersEventData>(message).count <= 2)).toBe(true);
    // A page opened now reads the same count, and the peak.
    const later = await open(adminStreamUrl(fixture.shop, fixture.showId));
    expect(dataOf<ControlRoomSnapshot>(await later.next()).figures).toMatchObject({ viewersNow: 2, viewersPeak: 2 });

    for (const stream of ada) stream.close();
    await until(room, viewersCount(1));
    // The show's per-minute series kept the highest count.
    const minutes = await prisma.showViewerMinute.findMany({ where: { shop: fixture.shop, showId: fixture.showId } });
    expect(Math.max(...minutes.map((minute) => minute.peak))).toBe(2);
  });

  it("resumes after the Last-Event-ID it was given (header, or query for a page that asked for a new ticket) without a snapshot", async () => {
    const fixture = await seedShowWithStock();
    const [variant] = fixture.variants as [(typeof fixture.variants)[number]];
    const first = await open(adminStreamUrl(fixture.shop, fixture.showId));
    const snapshot = await first.next();
    first.close();
    // Someone else keeps watching, and sees when the change is out.
    const watcher = await open(adminStreamUrl(fixture.shop, fixture.showId));
    await watcher.next();

    const response = await sendShopifyWebhook(app.url, {
      topic: "inventory_levels/update",
      shop: fixture.shop,
      body: inventoryLevelBody(fixture, variant.itemDigits, 3, afterSeed(fixture, { hours: 6 })),
    });
    expect(response.status).toBe(200);
    const [published] = (await until(watcher, (message) => message.event === "stock")).slice(-1);

    for (const resumed of [
      await open(adminStreamUrl(fixture.shop, fixture.showId), { "last-event-id": snapshot.id as string }),
      await open(adminStreamUrl(fixture.shop, fixture.showId, { extra: `&lastEventId=${snapshot.id}` })),
    ]) {
      const next = await resumed.next();
      expect(next).toEqual(published);
      expect(dataOf<StockEventData>(next)).toMatchObject({ variantId: variant.variantId, available: 3 });
    }
  });

  it("hears the show's sales as an order is recorded; the shoppers' stream never does", async () => {
    const shop = uniqueShop("room-sales");
    const product = nextProductNumber();
    const { show } = await createShowWithCreator(shop, { lineup: [product] });
    const fixture = { shop, showId: show.id };
    const room = await open(adminStreamUrl(shop, show.id));
    expect((await room.next()).event).toBe("snapshot");
    const shopper = await open(viewerStreamUrl(fixture, randomUUID()));
    expect((await shopper.next()).event).toBe("snapshot");

    const order = orderPaidBody({ currency: "EUR", lines: [{ productNumber: product, price: "249.00", quantity: 2, showId: show.id }] });
    expect((await sendShopifyWebhook(app.url, { topic: "orders/paid", shop, body: JSON.stringify(order) })).status).toBe(200);
    const [sales] = (await until(room, (message) => message.event === "sales")).slice(-1);
    expect(dataOf<SalesEventData>(sales!)).toEqual({ orders: 1, revenueLabel: "498.00 EUR" });
    // An unnumbered figure: a page that resumes from Last-Event-ID starts after the last numbered event.
    expect(sales!.id).toBeNull();

    // A second shopper arrives: the first shopper's stream hears it, and nothing of the sales before it.
    await open(viewerStreamUrl(fixture, randomUUID()));
    const heard = await until(shopper, viewersCount(2));
    expect(heard.map((message) => message.event)).not.toContain("sales");
    // And a control room opened now reads the sales in its snapshot.
    const later = await open(adminStreamUrl(shop, show.id));
    expect(dataOf<ControlRoomSnapshot>(await later.next()).figures).toMatchObject({ orders: 1, revenueLabel: "498.00 EUR" });
  });

  it("hears the add-to-carts the show's viewers report, once their events are written", async () => {
    const fixture = await seedShowWithStock();
    const room = await open(adminStreamUrl(fixture.shop, fixture.showId));
    expect(dataOf<ControlRoomSnapshot>(await room.next()).figures.addToCarts).toBe(0);

    // Two viewers' beacons, as the storefront's app proxy forwards them, signed for the shop.
    for (const viewerId of ["ada", "bo"]) {
      const token = signViewerToken(sandboxAppSecret, fixture.showId, inAMinute(), { viewerId, preview: false });
      const query = signProxyQuery(new URLSearchParams(), { shop: fixture.shop, customerId: "", pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret });
      const response = await fetch(`${app.url}/proxy/shows/${fixture.showId}/events?${query}`, {
        method: "POST",
        body: JSON.stringify({ token, events: [{ n: 1, type: "view", ago: 2_000 }, { n: 2, type: "cart", ago: 0 }] }),
        headers: { "content-type": "text/plain;charset=UTF-8" },
      });
      expect(response.status).toBe(202);
    }
    const [carts] = (await until(room, (message) => message.event === "carts" && dataOf<CartsEventData>(message).addToCarts === 2)).slice(-1);
    expect(carts!.id).toBeNull();
  });
});
