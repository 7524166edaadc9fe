// Viewer beacons over real HTTP: the storefront posts to the sandbox's app proxy (/apps/live/*),
// which signs the request as Shopify does and forwards it to the built app. What the app counts
// reaches the database at its next flush (every second here), summed per show and minute.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { MAX_BEACON_EVENTS } from "~/analytics/beacon-input";
import { minuteOf } from "~/analytics/viewer-activity";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret, sandboxShopify } from "../sandbox/config";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { fromNow } from "../support/clock";
import { startAppServer } from "../support/app-server";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;
let live: CreatedShow;

beforeAll(async () => {
  stack = await startStack({ env: { ANALYTICS_FLUSH_SECONDS: "1" } });
  shop = await openStorefrontShop(stack);
  live = await createShow(shop, { title: "Wool, live", products: [shop.products.scarf] });
  await stack.mux.connectEncoder(live.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  expect(await prisma.show.count({ where: { id: live.id, shop: shop.domain, status: "live" } })).toBe(1);
});

afterAll(async () => {
  await stack?.close();
});

interface BeaconEvent {
  n: number;
  type: "view" | "beat" | "product" | "cart" | "checkout";
  ago: number;
}

const tokenFor = (showId: string, viewerId = randomUUID(), preview = false) => signViewerToken(sandboxAppSecret, showId, fromNow({ minutes: 15 }), { viewerId, preview });

/** What the live-stats script sends: a sendBeacon body (text/plain) through the storefront's app proxy. */
function beacon(showId: string, token: string, events: BeaconEvent[], storefront = shop) {
  return fetch(storefront.storefront(`/apps/live/shows/${showId}/events`), { method: "POST", body: JSON.stringify({ token, events }), headers: { "content-type": "text/plain;charset=UTF-8" } });
}

/** A minute of watching that ended `endedAgo` ms ago: a view, then four heartbeats 15 s apart. */
function watchedMinute(endedAgo: number, firstN = 1): BeaconEvent[] {
  return [{ n: firstN, type: "view", ago: endedAgo + 60_000 }, ...[3, 2, 1, 0].map((beat, i) => ({ n: firstN + 1 + i, type: "beat" as const, ago: endedAgo + beat * 15_000 }))];
}

const minutesOf = (showId: string) => prisma.showMinute.findMany({ where: { shop: shop.domain, showId }, orderBy: { minute: "asc" } });
const totalWatch = async (showId: string) => (await minutesOf(showId)).reduce((sum, minute) => sum + minute.watchSeconds, 0);

describe("viewer beacons through the app proxy", () => {
  it("sums two viewers' minutes into watch time, views, unique viewers and who added to cart", async () => {
    const [ada, bo] = [randomUUID(), randomUUID()];
    const adaToken = tokenFor(live.id, ada);
    const first = await beacon(live.id, adaToken, watchedMinute(0));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ counted: 5, ignored: 0 });
    expect((await beacon(live.id, tokenFor(live.id, bo), [...watchedMinute(0), { n: 6, type: "product", ago: 500 }, { n: 7, type: "cart", ago: 0 }])).status).toBe(202);

    await expect.poll(() => totalWatch(live.id)).toBe(120);
    const minutes = await minutesOf(live.id);
    expect(minutes.reduce((sum, minute) => sum + minute.views, 0)).toBe(2);
    expect(minutes.reduce((sum, minute) => sum + minute.addToCarts, 0)).toBe(1);
    expect(minutes.reduce((sum, minute) => sum + minute.productViews, 0)).toBe(1);
    const viewers = await prisma.showViewer.findMany({ where: { shop: shop.domain, showId: live.id }, orderBy: { viewerId: "asc" } });
    expect(viewers.map((viewer) => [viewer.viewerId, viewer.addedToCart])).toEqual([
      [ada, false],
      [bo, true],
    ].sort());
    expect(viewers.every((viewer) => Math.abs(viewer.firstMinute - minuteOf(Date.now() - 60_000)) <= 1)).toBe(true);

    // The same batch again (a retried beacon) changes nothing.
    const again = await beacon(live.id, adaToken, watchedMinute(0));
    expect(await again.json()).toEqual({ counted: 0, ignored: 5 });
  });

  it("takes a preview link's viewers and counts none of them", async () => {
    const response = await beacon(live.id, tokenFor(live.id, randomUUID(), true), watchedMinute(0));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ counted: 0, ignored: 5 });
  });

  it("counts nobody for a rehearsal or a show not yet on air", async () => {
    const rehearsal = await createShow(shop, { title: "Dry run", products: [shop.products.mug], mode: "rehearsal" });
    const upcoming = await createShow(shop, { title: "Next week", products: [shop.products.mug] });
    for (const show of [rehearsal, upcoming]) {
      const response = await beacon(show.id, tokenFor(show.id), watchedMinute(0));
      expect(await response.json()).toEqual({ counted: 0, ignored: 5 });
    }
  });

  it("refuses a forged token, another show's token and another shop's storefront, counting nothing", async () => {
    const before = await totalWatch(live.id);
    const forged = signViewerToken("not-the-app-secret", live.id, fromNow({ minutes: 15 }), { viewerId: randomUUID(), preview: false });
    expect((await beacon(live.id, forged, watchedMinute(0))).status).toBe(401);
    const other = await createShow(shop, { title: "Another", products: [shop.products.mug] });
    expect((await beacon(live.id, tokenFor(other.id), watchedMinute(0))).status).toBe(401);
    // A genuine token for this show, posted from another shop's storefront: that shop has no such show.
    const otherShop = await openStorefrontShop(stack);
    const response = await beacon(live.id, tokenFor(live.id), watchedMinute(0), otherShop);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ reason: "unknown_show" });
    // A counted beacon after them: once it is written, so would anything the refusals had counted.
    const marker = randomUUID();
    expect((await beacon(live.id, tokenFor(live.id, marker), [{ n: 1, type: "product", ago: 0 }])).status).toBe(202);
    await expect.poll(() => prisma.showViewer.count({ where: { shop: shop.domain, showId: live.id, viewerId: marker } })).toBe(1);
    expect(await totalWatch(live.id)).toBe(before);
    expect(await prisma.showMinute.count({ where: { shop: otherShop.domain } })).toBe(0);
    expect(await prisma.showViewer.count({ where: { shop: otherShop.domain } })).toBe(0);
  });

  it("refuses a batch past its size and a viewer past its rate, whole", async () => {
    const token = tokenFor(live.id);
    const tooMany = Array.from({ length: MAX_BEACON_EVENTS + 1 }, (_, i) => ({ n: i + 1, type: "product" as const, ago: 0 }));
    const oversized = await beacon(live.id, token, tooMany);
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ reason: "too_many_events" });
    const batch = (from: number) => Array.from({ length: 40 }, (_, i) => ({ n: from + i, type: "product" as const, ago: 0 }));
    expect((await beacon(live.id, token, batch(1))).status).toBe(202);
    const flooding = await beacon(live.id, token, batch(41));
    expect(flooding.status).toBe(429);
    expect(await flooding.json()).toMatchObject({ reason: "rate_limited" });
  });

  it("answers a malformed beacon 400 with the reason", async () => {
    const notJson = await fetch(shop.storefront(`/apps/live/shows/${live.id}/events`), { method: "POST", body: "{not json" });
    expect(notJson.status).toBe(400);
    const wrong = await beacon(live.id, tokenFor(live.id), [{ n: 0, type: "view", ago: -5 }]);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toMatch(/events\.0\.n/);
  });
});

describe("an instance that stops", () => {
  it("writes what it summed since its last flush before it exits", async () => {
    // A second instance that would not flush for a minute: only its clean stop can write the beacon.
    const instance = await startAppServer({ SHOPIFY_SANDBOX_URL: stack.shopify.url, ...stack.mux.appEnv(), STRIPE_API_URL: stack.stripe.url, MAIL_URL: stack.mail.url, ANALYTICS_FLUSH_SECONDS: "60" });
    const viewerId = randomUUID();
    const query = signProxyQuery(new URLSearchParams(), { shop: shop.domain, customerId: "", pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret });
    const response = await fetch(`${instance.url}/proxy/shows/${live.id}/events?${query}`, { method: "POST", body: JSON.stringify({ token: tokenFor(live.id, viewerId), events: watchedMinute(0) }) });
    expect(response.status).toBe(202);
    expect(await prisma.showViewer.count({ where: { shop: shop.domain, showId: live.id, viewerId } })).toBe(0);
    await instance.close();
    expect(await prisma.showViewer.count({ where: { shop: shop.domain, showId: live.id, viewerId } })).toBe(1);
  });
});
