// Reconciliation while shows are live: every interval, each live show's lineup is read from the
// Shopify sandbox, what webhooks missed is corrected and told to viewers, and the drift is
// counted, once per show per interval however many instances run the pass.
// The app serves /jobs/reconcile; this test process runs passes too, as another app instance
// would, with its clock given so that intervals pass without waiting.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { recordVariantInventory } from "~/inventory/stock.server";
import type { StockEventData } from "~/realtime/events";
import type { SandboxProduct } from "../sandbox/shopify/state";
import { adminClient } from "../support/admin-client";
import { fromNow, shifted } from "../support/clock";
import { dataOf, openEventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { streamUrl } from "../support/stock-fixtures";
import { log } from "~/lib/log.server";

const CRON_SECRET = "reconcile-cron-secret";

let stack: Stack;
let shop: string;
let storeLocationId: string;
let passes: typeof import("~/shows/live-reconciliation.server");
let onAir: typeof import("~/shows/on-air.server");
const shows: string[] = [];

beforeAll(async () => {
  stack = await startStack({ env: { CRON_SECRET } });
  shop = `reconcile-${randomUUID().slice(0, 8)}.myshopify.com`;
  const store = stack.shopify.state.newLocation("Store", true);
  storeLocationId = store.id;
  stack.shopify.state.createShop({ domain: shop, locations: [store] });
  // Installing: the app keeps the shop's offline session from its first admin request.
  expect((await adminClient(stack.appUrl, stack.shopify, shop).get("/app/shows")).status).toBe(200);
  // Stock changes reach the sandbox's state, but their webhooks are held back: lost, as far as the app knows.
  stack.shopify.webhooks.configure({ outOfOrder: { order: "reverse", batchSize: 100_000 } });
  // Modules that reach Shopify read the sandbox's address as they load.
  process.env.SHOPIFY_SANDBOX_URL = stack.shopify.url;
  passes = await import("~/shows/live-reconciliation.server");
  onAir = await import("~/shows/on-air.server");
});

afterEach(async () => {
  // A show left live would be due in every later pass.
  await prisma.show.updateMany({ where: { id: { in: shows } }, data: { status: "ended" } });
});

afterAll(async () => {
  await stack?.close();
});

let products = 0;

/** A show that went live at `wentLiveAt`, its lineup's stock read from Shopify then, as going live does. */
async function liveShow(wentLiveAt: Date, { status = "live", inShop = shop } = {}) {
  products++;
  const product: SandboxProduct = stack.shopify.state.addProduct(shop, {
    handle: `boot-${products}`,
    title: `Boot ${products}`,
    imageUrl: "http://x/boot.svg",
    options: [{ name: "Size", values: ["40", "41"] }],
    variants: [
      { optionValues: ["40"], sku: `B${products}-40`, price: 12900, stock: { [storeLocationId]: 8 } },
      { optionValues: ["41"], sku: `B${products}-41`, price: 12900, stock: { [storeLocationId]: 5 } },
    ],
  });
  const show = await prisma.show.create({
    data: { shop: inShop, title: product.title, startsAt: wentLiveAt, status, wentLiveAt, products: { create: [{ shop: inShop, productId: product.id, title: product.title, position: 0 }] } },
  });
  shows.push(show.id);
  for (const variant of product.variants) {
    await recordVariantInventory(inShop, {
      variantId: variant.id,
      productId: product.id,
      inventoryItemId: variant.inventoryItem.id,
      tracked: true,
      // Read a day before the show went live: older than anything Shopify holds for it.
      levels: [{ locationId: storeLocationId, available: 0, updatedAt: shifted(wentLiveAt, { days: -1 }) }],
      complete: false,
    });
  }
  if (inShop === shop) await onAir.reconcileLineupOnAir(shop, show.id);
  const variant = product.variants[0]!;
  return { show, product, variant };
}

/** A sale in Shopify whose webhook never reaches the app. */
async function sellInShopify(variantId: string, quantity = 1) {
  const response = await fetch(`${stack.shopify.url}/__sandbox/shops/${shop}/inventory/adjust`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ variantId, delta: -quantity }),
  });
  expect(response.status).toBe(200);
}

const cachedAvailable = async (variantId: string) =>
  (await prisma.variantStock.findUniqueOrThrow({ where: { shop_variantId: { shop, variantId } } })).available;
const stockDrift = async (showId: string) => (await prisma.showStats.findUnique({ where: { showId } }))?.stockDrift ?? 0;
const reconciledIds = (pass: { reconciled: { showId: string }[] }) => pass.reconciled.map((entry) => entry.showId);
/** `count` intervals (RECONCILE_INTERVAL_SECONDS, the same here as in the app) after `at`. */
const intervals = (at: Date, count: number) => new Date(at.getTime() + count * passes.reconcileIntervalMs());
/**
 * When a pass test's show went live: `daysAgo` days (years) ago, long before any show another test
 * or another file took live, so a pass run at that clock sees this test's shows only.
 */
const longAgo = (daysAgo: number) => fromNow({ days: -daysAgo });

describe("the scheduler's door, /jobs/reconcile", () => {
  const call = (token: string) => fetch(`${stack.appUrl}/jobs/reconcile`, { method: "POST", headers: { authorization: `Bearer ${token}` } });

  it("corrects what drifted in Shopify, tells the viewers of the show and counts the drift", async () => {
    const { show, variant } = await liveShow(intervals(new Date(), -2));
    const driftBefore = await stockDrift(show.id);
    const stream = await openEventStream(streamUrl(stack.appUrl, { shop, showId: show.id }));
    try {
      expect((await stream.next()).event).toBe("snapshot");
      await sellInShopify(variant.id, 3);
      expect(await cachedAvailable(variant.id)).toBe(8);

      expect((await call("not-the-secret")).status).toBe(401);
      const response = await call(CRON_SECRET);
      expect(response.status).toBe(200);
      const pass = (await response.json()) as { reconciled: { shop: string; showId: string; drift: number }[] };
      expect(pass.reconciled).toContainEqual({ shop, showId: show.id, drift: 1 });

      const stock = await stream.next();
      expect(stock.event).toBe("stock");
      expect(dataOf<StockEventData>(stock)).toMatchObject({ variantId: variant.id, available: 5, inStock: true });
      expect(await cachedAvailable(variant.id)).toBe(5);
      expect(await stockDrift(show.id)).toBe(driftBefore + 1);

      // Within the interval the show is left alone, whoever asks.
      const again = (await (await call(CRON_SECRET)).json()) as { reconciled: { showId: string }[] };
      expect(reconciledIds(again)).not.toContain(show.id);
    } finally {
      stream.close();
    }
  });
});

describe("a reconciliation pass", () => {
  it("reconciles only live shows of installed shops, and only once they have been live an interval", async () => {
    const wentLive = longAgo(3650);
    const live = await liveShow(wentLive);
    const ended = await liveShow(wentLive, { status: "ended" });
    const scheduled = await liveShow(wentLive, { status: "scheduled" });
    const uninstalledShop = `gone-${randomUUID().slice(0, 8)}.myshopify.com`;
    await prisma.shop.create({ data: { domain: uninstalledShop, uninstalledAt: wentLive } });
    const uninstalled = await liveShow(wentLive, { inShop: uninstalledShop });
    for (const { variant } of [live, ended, scheduled]) await sellInShopify(variant.id);

    // Going live has just read the lineup: not due yet.
    const early = await passes.reconcileLiveShows({ now: intervals(wentLive, 0.5) });
    expect(reconciledIds(early)).not.toContain(live.show.id);

    const pass = await passes.reconcileLiveShows({ now: intervals(wentLive, 1) });
    expect(reconciledIds(pass)).toContain(live.show.id);
    for (const other of [ended, scheduled, uninstalled]) {
      expect(reconciledIds(pass)).not.toContain(other.show.id);
      expect(pass.failed.map((failure) => failure.showId)).not.toContain(other.show.id);
    }
    expect(await cachedAvailable(live.variant.id)).toBe(7);
    expect(await cachedAvailable(ended.variant.id)).toBe(8);
    expect(await cachedAvailable(scheduled.variant.id)).toBe(8);
  });

  it("does nothing for a show within the interval after its last reconciliation, and reconciles it again after", async () => {
    const wentLive = longAgo(3620);
    const { show, variant } = await liveShow(wentLive);
    const driftBefore = await stockDrift(show.id);
    const first = intervals(wentLive, 1);
    await sellInShopify(variant.id);
    expect(reconciledIds(await passes.reconcileLiveShows({ now: first }))).toContain(show.id);
    expect(await cachedAvailable(variant.id)).toBe(7);

    await sellInShopify(variant.id);
    const within = new Date(intervals(first, 1).getTime() - 1_000);
    expect(reconciledIds(await passes.reconcileLiveShows({ now: within }))).not.toContain(show.id);
    expect(await cachedAvailable(variant.id)).toBe(7);

    const after = intervals(first, 1);
    expect(reconciledIds(await passes.reconcileLiveShows({ now: after }))).toContain(show.id);
    expect(await cachedAvailable(variant.id)).toBe(6);
    expect(await stockDrift(show.id)).toBe(driftBefore + 2);
  });

  it("reconciles a show once when two instances run their passes at the same moment", async () => {
    const wentLive = longAgo(3590);
    const { show, variant } = await liveShow(wentLive);
    const driftBefore = await stockDrift(show.id);
    await sellInShopify(variant.id, 2);

    const now = intervals(wentLive, 1);
    const [one, other] = await Promise.all([passes.reconcileLiveShows({ now }), passes.reconcileLiveShows({ now })]);
    expect([...reconciledIds(one), ...reconciledIds(other)].filter((id) => id === show.id)).toHaveLength(1);
    expect(await cachedAvailable(variant.id)).toBe(6);
    expect(await stockDrift(show.id)).toBe(driftBefore + 1);
  });

  it("waits out Shopify's throttling, and one shop's failure does not stop the other shows", async () => {
    const wentLive = longAgo(3560);
    // A shop whose token is gone: no session to call Shopify with. Its show comes first.
    const tokenless = `tokenless-${randomUUID().slice(0, 8)}.myshopify.com`;
    await prisma.shop.create({ data: { domain: tokenless } });
    const orphan = await liveShow(new Date(wentLive.getTime() - 60_000), { inShop: tokenless });
    const { show, variant } = await liveShow(wentLive);
    await sellInShopify(variant.id);
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);

    // The next two Admin API calls answer THROTTLED; the pass backs off and tries again.
    const throttle = await fetch(`${stack.shopify.url}/__sandbox/throttle`, { method: "POST", body: JSON.stringify({ count: 2 }), headers: { "content-type": "application/json" } });
    expect(throttle.status).toBe(200);
    const pass = await passes.reconcileLiveShows({ now: intervals(wentLive, 1) });

    expect(stack.shopify.throttle.pendingThrottles).toBe(0);
    expect(reconciledIds(pass)).toContain(show.id);
    expect(await cachedAvailable(variant.id)).toBe(7);
    expect(pass.failed).toContainEqual(expect.objectContaining({ shop: tokenless, showId: orphan.show.id }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${tokenless} show ${orphan.show.id}: periodic stock reconciliation failed`));
  });
});
