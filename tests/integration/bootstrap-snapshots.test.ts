// The bootstrap served from a shared snapshot, over real HTTP through the sandbox's app proxy: a
// repeat load of an unchanged show is a 304, a change to the show (a pin, a stock change) is in
// the very next load, and what one viewer gets of their own never reaches another. The snapshot
// itself is read in this process too, to show it holds nothing of any viewer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readViewerToken } from "~/realtime/viewer-token.server";
import type { ShowBootstrap } from "~/storefront/bootstrap-contract";
import { InProcessBus } from "~/realtime/in-process-bus";
import { sandboxAppSecret } from "../sandbox/config";
import { CUSTOMER_COOKIE } from "../sandbox/shopify/storefront/cookies";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { openEventStream, type EventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;

beforeAll(async () => {
  stack = await startStack();
  shop = await openStorefrontShop(stack);
});

afterAll(async () => {
  await stack?.close();
});

const load = (path: string, headers: Record<string, string> = {}) => fetch(shop.storefront(`/apps/live${path}`), { headers });

async function loaded(path: string, headers: Record<string, string> = {}): Promise<{ body: ShowBootstrap; etag: string }> {
  const response = await load(path, headers);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("cache-control")).toBe("private, no-cache");
  return { body: (await response.json()) as ShowBootstrap, etag: response.headers.get("etag") ?? "" };
}

/** The part of an ETag that names the shared snapshot. */
const snapshotOf = (etag: string) => etag.slice(1).split(".")[0];

/** The bootstrap without what is made per viewer. */
function shared(body: ShowBootstrap) {
  const { serverTime: _time, realtime: _realtime, reminder: _reminder, ...rest } = body;
  return rest;
}

async function nextOfType(events: EventStream, type: string) {
  for (;;) {
    const message = await events.next();
    if (message.event === type) return message;
  }
}

describe("the bootstrap's shared snapshot", () => {
  it("answers a repeat load of an unchanged show with a 304, and a changed one with the change", async () => {
    const { scarf, shirt } = shop.products;
    const show = await createShow(shop, { title: "Snapshots", products: [shirt, scarf] });
    const first = await loaded(`/shows/${show.id}`);
    expect(first.etag).toMatch(/^"[^"]+"$/);
    const events = await openEventStream(first.body.realtime.url, { origin: stack.shopify.url });
    try {
      expect((await events.next()).event).toBe("snapshot");

      const repeat = await load(`/shows/${show.id}`, { "if-none-match": first.etag });
      expect(repeat.status).toBe(304);
      expect(await repeat.text()).toBe("");
      expect(repeat.headers.get("etag")).toBe(first.etag);

      // A pin: every viewer's next load shows it, and the old copy is no longer current.
      await showCommand(shop, show.id, { intent: "pin", showProductId: show.lineup.get(scarf.id) as string });
      await nextOfType(events, "pin");
      const pinned = await loaded(`/shows/${show.id}`, { "if-none-match": first.etag });
      expect(pinned.body.pinnedProductId).toBe(scarf.id);
      expect(snapshotOf(pinned.etag)).not.toBe(snapshotOf(first.etag));

      // A stock change from Shopify's webhook, likewise.
      const oat = scarf.variants[0]!;
      stack.shopify.state.setAvailable(shop.domain, oat.inventoryItem.id, shop.store.id, 2);
      await nextOfType(events, "stock");
      const restocked = await loaded(`/shows/${show.id}`, { "if-none-match": pinned.etag });
      const oatNow = restocked.body.lineup.find((product) => product.productId === scarf.id)?.variants.find((variant) => variant.id === oat.id);
      expect(oatNow).toMatchObject({ available: 2, inStock: true });
      expect(snapshotOf(restocked.etag)).not.toBe(snapshotOf(pinned.etag));
    } finally {
      events.close();
    }
  });

  it("is shared by viewers, and each viewer's own part stays their own", async () => {
    const show = await createShow(shop, { title: "Two viewers", products: [shop.products.mug] });
    const customer = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, "kari@example.no");
    const signedIn = await loaded(`/shows/${show.id}`, { cookie: `${CUSTOMER_COOKIE}=${customer.id.split("/").pop()}` });
    const guest = await loaded(`/shows/${show.id}`);

    expect(shared(guest.body)).toEqual(shared(signedIn.body));
    expect(snapshotOf(guest.etag)).toBe(snapshotOf(signedIn.etag));
    expect(signedIn.body.reminder).toEqual({ signedIn: true, saved: false });
    expect(guest.body.reminder).toEqual({ signedIn: false, saved: false });
    const viewerOf = (body: ShowBootstrap) => {
      const claims = readViewerToken(sandboxAppSecret, new URL(body.realtime.url).searchParams.get("token"), show.id);
      expect(claims?.viewer).toBeTruthy();
      return claims?.viewer?.viewerId;
    };
    expect(viewerOf(guest.body)).not.toBe(viewerOf(signedIn.body));

    // A guest's copy is not a signed-in shopper's: the same snapshot, but not a 304.
    expect((await load(`/shows/${show.id}`, { cookie: `${CUSTOMER_COOKIE}=${customer.id.split("/").pop()}`, "if-none-match": guest.etag })).status).toBe(200);
  });

  it("holds nothing of any viewer", async () => {
    const show = await createShow(shop, { title: "Nobody in particular", products: [shop.products.scarf] });
    // Built in this process, as another app instance would, over the same database and sandbox.
    process.env.SHOPIFY_SANDBOX_URL = stack.shopify.url;
    const { BootstrapSnapshots } = await import("~/storefront/bootstrap-snapshots.server");
    const snapshots = new BootstrapSnapshots(new InProcessBus());
    const request = { shop: shop.domain, selector: { kind: "id" as const, showId: show.id }, lite: false, buyer: { country: null, locale: null } };
    const { answer } = await snapshots.read({ ...request, customerId: "gid://shopify/Customer/4242" } as typeof request);
    if (!answer.found) throw new Error(`no snapshot: ${answer.notFound.error}`);
    const snapshot = JSON.parse(answer.json) as Record<string, unknown>;
    expect(Object.keys(snapshot).sort()).toEqual(["chapters", "deal", "lineup", "lowStockThreshold", "pinnedProductId", "playback", "poster", "show"]);
    expect(answer.json).not.toMatch(/4242|token|realtime|reminder|serverTime/);
  });
});
