// Viewer analytics ask the shopper first, in Chromium on the sandbox storefront (whose Customer
// Privacy API keeps the answer as Shopify's does): with analytics refused, every request the page
// makes while the live show plays for more than a heartbeat and a send interval, a product is
// opened, added to the cart and taken to checkout, is recorded, and none is an analytics beacon;
// with analytics allowed from the banner mid-show, the beacons arrive through the app proxy and
// the show's report counts the viewer, the watch time, the add to cart and the checkout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import prisma from "~/db.server";
import { getShowReport } from "~/analytics/show-reports.server";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
let live: CreatedShow;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ env: { ANALYTICS_FLUSH_SECONDS: "1" } }), launchBrowser()]);
  shop = await openStorefrontShop(stack);
  live = await createShow(shop, { title: "Knits, counted fairly", products: [shop.products.scarf, shop.products.mug] });
  await stack.mux.connectEncoder(live.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  storefrontOf(stack.shopify.state).theme.configure(shop.domain, { home: [{ block: "live-show", settings: { show_id: live.id } }], product: [] });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const EVENT_TIMEOUT = { timeout: 15_000 };
/** live-beacons.ts beats every 15 s and sends every 30 s: a viewer who stays past both. */
const PAST_A_SEND_SECONDS = 32;

interface Seen {
  url: string;
  method: string;
  type: string;
  body: string | null;
}

/** Every request of the page's browser context, whatever its kind (sendBeacon's are "ping"). */
function recordRequests(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.context().on("request", (request: Request) => seen.push({ url: request.url(), method: request.method(), type: request.resourceType(), body: request.postData() }));
  return seen;
}

const isBeacon = (request: Seen) => request.url.includes("/events") || request.type === "ping" || /"events"|analytics/i.test(request.body ?? "");

/** Plays the show until the player has run `seconds` past where it was when asked. */
async function playFor(page: Page, seconds: number) {
  const from = await page.evaluate(() => (document.querySelector("mux-player") as HTMLMediaElement).currentTime);
  await page.waitForFunction((until) => (document.querySelector("mux-player") as HTMLMediaElement).currentTime > until, from + seconds, { timeout: (seconds + 30) * 1000 });
}

/** The shopper answers the consent banner (a banner calls exactly this). */
async function answerBanner(page: Page, analytics: boolean) {
  await page.evaluate(
    (allowed) =>
      new Promise<void>((resolve, reject) => {
        const shopify = (window as unknown as { Shopify: { loadFeatures: (f: unknown[], done: (error?: unknown) => void) => void; customerPrivacy: { setTrackingConsent: (c: object, done: () => void) => void } } }).Shopify;
        shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], (error) =>
          error ? reject(error) : shopify.customerPrivacy.setTrackingConsent({ analytics: allowed, marketing: allowed, preferences: allowed, sale_of_data: allowed }, resolve),
        );
      }),
    analytics,
  );
}

/** Opens the mug (a product card), adds it, and goes to checkout from the cart inside the player. */
async function shopTheShow(page: Page) {
  const block = page.locator("[data-live-shows-block]");
  const mug = block.locator(".live-shows__card", { hasText: "Enamel Mug" });
  await mug.locator("h3").click();
  await mug.getByRole("button", { name: "Add to cart" }).click();
  await block.getByRole("button", { name: "Cart (1)" }).waitFor(EVENT_TIMEOUT);
  await block.getByRole("button", { name: "Cart (1)" }).click();
  await block.getByRole("link", { name: "Checkout" }).click();
  await page.getByRole("button", { name: "Pay now" }).waitFor(EVENT_TIMEOUT);
}

async function openLiveShow(page: Page) {
  await page.goto(shop.storefront("/"));
  // A live show in view starts by itself, and with its player the beacons script loads.
  await page.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 0.5, null, { timeout: 45_000 });
}

describe("viewer analytics follow the shopper's consent", () => {
  it("refused: no analytics request leaves the browser while the shopper watches, shops and checks out", { timeout: 150_000 }, async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    const requests = recordRequests(page);
    await openLiveShow(page);
    await answerBanner(page, false);
    expect(requests.some((request) => request.url.includes("/live-beacons.js"))).toBe(true);

    await playFor(page, PAST_A_SEND_SECONDS);
    await shopTheShow(page);

    // The requests were made (the list is live), and none of them carried analytics.
    expect(requests.some((request) => request.url.includes("/cart/add.js"))).toBe(true);
    expect(requests.filter(isBeacon)).toEqual([]);
    expect(await prisma.showViewer.count({ where: { shop: shop.domain, showId: live.id } })).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("allowed from the banner mid-show: the beacons arrive and the show's report counts them", { timeout: 150_000 }, async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    const requests = recordRequests(page);
    await openLiveShow(page);
    await answerBanner(page, true);

    // The first send: a view and at least one heartbeat, through the app proxy.
    const first = await page.context().waitForEvent("request", { predicate: (request) => request.url().includes(`/apps/live/shows/${live.id}/events`), timeout: 45_000 });
    const sent = JSON.parse(first.postData() ?? "{}") as { token?: string; events?: { type: string }[] };
    expect(sent.token).toBeTruthy();
    expect(sent.events?.map((event) => event.type)).toEqual(expect.arrayContaining(["view", "beat"]));
    expect((await first.response())?.status()).toBe(202);

    // An add to cart goes out at once, with the product opened before it, and is counted.
    const cartSent = page.context().waitForEvent("request", { predicate: (request) => request.url().includes("/events") && (request.postData() ?? "").includes('"cart"'), timeout: 45_000 });
    // So does the checkout, as the shopper clicks: the page is leaving, and a beacon sent as it
    // unloads is the one most often lost.
    await shopTheShow(page);
    expect((await (await cartSent).response())?.status()).toBe(202);
    const beacons = requests.filter((request) => request.url.includes("/events"));
    expect(beacons.every((request) => request.method === "POST")).toBe(true);
    const types = beacons.flatMap((request) => (JSON.parse(request.body ?? "{}") as { events: { type: string }[] }).events.map((event) => event.type));
    expect(types).toEqual(expect.arrayContaining(["product", "cart", "checkout"]));

    await expect
      .poll(() => prisma.showViewer.findMany({ where: { shop: shop.domain, showId: live.id }, select: { addedToCart: true, checkedOut: true } }), { timeout: 15_000 })
      .toEqual([{ addedToCart: true, checkedOut: true }]);
    await expect.poll(async () => (await prisma.showMinute.aggregate({ where: { shop: shop.domain, showId: live.id }, _sum: { checkouts: true } }))._sum.checkouts, EVENT_TIMEOUT).toBe(1);
    const minutes = await prisma.showMinute.aggregate({ where: { shop: shop.domain, showId: live.id }, _sum: { views: true, productViews: true, addToCarts: true, watchSeconds: true } });
    expect(minutes._sum).toEqual({ views: 1, productViews: 1, addToCarts: 1, watchSeconds: expect.any(Number) });
    expect(minutes._sum.watchSeconds).toBeGreaterThanOrEqual(15);
    const report = await getShowReport(shop.domain, live.id);
    expect(report?.figures).toMatchObject({ uniqueViewers: 1, addToCarts: 1, addToCartRate: "100.0 %" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
