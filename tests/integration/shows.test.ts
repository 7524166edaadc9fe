import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { recordVariantInventory } from "~/inventory/stock.server";
import { sandboxMux } from "../sandbox/config";
import { muxSignatureHeader } from "../sandbox/mux";
import { adminClient, type AdminClient } from "../support/admin-client";
import { startStack, type Stack } from "../support/stack";
import { fromNow, futureWallClock, shifted, wallClock, zonedInstant } from "../support/clock";
import { adminTimeLabel, createShowThroughAdmin } from "../support/show-form";

let stack: Stack;
let admin: AdminClient;
const shop = "northwind-demo.myshopify.com";

beforeAll(async () => {
  stack = await startStack();
  admin = adminClient(stack.appUrl, stack.shopify, shop);
});

afterAll(async () => {
  await stack?.close();
});

async function createShow(title: string, productCount = 3, extra: Record<string, string> = {}) {
  const showId = await createShowThroughAdmin(admin, stack.shopify.state.getShop(shop).products.slice(0, productCount), { title, hostName: "Astrid", ...extra });
  return prisma.show.findFirstOrThrow({ where: { id: showId, shop }, include: { products: { orderBy: { position: "asc" } } } });
}

function reactEscaped(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

function escapeForRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function command(showId: string, form: Record<string, string>) {
  const response = await admin.post(`/app/shows/${showId}`, form);
  expect(response.status).toBe(200);
}

describe("scheduling a show", () => {
  it("saves the lineup in order, in the shop's timezone, and creates a Mux live stream for it", async () => {
    // 18:00 on the seeded shop's wall clock (Europe/Stockholm), a month from now.
    const timeZone = stack.shopify.state.getShop(shop).ianaTimezone;
    const startsAt = futureWallClock(30, "18:00", timeZone);
    const show = await createShow("Winter knits", 3, { startsAt });
    expect(show.status).toBe("scheduled");
    expect(show.startsAt.toISOString()).toBe(zonedInstant(startsAt, timeZone).toISOString());
    expect(show.products).toHaveLength(3);
    const stream = stack.mux.liveStream(show.muxLiveStreamId!);
    expect(stream).toMatchObject({
      passthrough: show.id,
      latency_mode: "low",
      reconnect_window: 60,
      new_asset_settings: expect.objectContaining({ playback_policies: ["public"] }),
    });
    expect(show.muxPlaybackId).toBe(stream?.playback_ids?.[0]?.id);

    const calendar = await (await admin.get(`/app/shows?view=calendar&month=${startsAt.slice(0, 7)}`)).text();
    expect(calendar).toContain(`href="/app/shows/${show.id}"`);
    expect(calendar).toContain("6:00 PM Winter knits");
  });

  it("archives a show that is not live, disabling its stream and hiding it from the list", async () => {
    const show = await createShow("To be archived", 1);
    await command(show.id, { intent: "archive" });
    expect((await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).status).toBe("archived");
    expect(stack.mux.liveStream(show.muxLiveStreamId!)?.status).toBe("disabled");
    expect(await (await admin.get("/app/shows")).text()).not.toContain("To be archived");
  });

  it("forwards simulcast targets to Mux without keeping their keys", async () => {
    const target = { label: "YouTube", url: "rtmps://a.rtmp.youtube.com/live2", streamKey: "yt-secret-key" };
    const show = await createShow("Simulcast", 1, { simulcastTargets: JSON.stringify([target]), coverImageUrl: "https://cdn.example.com/cover.jpg" });
    expect(stack.mux.liveStream(show.muxLiveStreamId!)?.simulcast_targets).toEqual([
      expect.objectContaining({ url: target.url, stream_key: target.streamKey, passthrough: "YouTube" }),
    ]);
    expect(show.coverImageUrl).toBe("https://cdn.example.com/cover.jpg");
    expect(JSON.stringify(await prisma.show.findUniqueOrThrow({ where: { id: show.id } }))).not.toContain("yt-secret-key");
  });

  it("answers a form with field errors in words and saves nothing", async () => {
    const before = await prisma.show.count({ where: { shop } });
    const response = await admin.post("/app/shows/new", { title: "", startsAt: "", durationMinutes: "1", mode: "public", products: "[]" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Give the show a title");
    expect(html).toContain("Pick at least one product for the show");
    expect(await prisma.show.count({ where: { shop } })).toBe(before);
  });
});

describe("going live through Mux", () => {
  it("turns live when the encoder connects, records pins with their offset, and keeps a shoppable replay with chapters", async () => {
    const show = await createShow("Boots live");
    await stack.mux.connectEncoder(show.muxLiveStreamId!);
    await stack.mux.webhooks.settled();
    expect((await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).status).toBe("live");

    const controlRoom = await (await admin.get(`/app/shows/${show.id}`)).text();
    expect(controlRoom).toContain("Live numbers");
    expect(controlRoom).toMatch(/Viewers now[\s\S]*?>0</);

    await command(show.id, { intent: "pin", showProductId: show.products[1]!.id });
    const pin = await prisma.showEvent.findFirstOrThrow({ where: { showId: show.id, type: "pin" } });
    expect(pin.offsetMs).not.toBeNull();
    expect(JSON.parse(pin.payload)).toMatchObject({ productId: show.products[1]!.productId });

    await command(show.id, { intent: "end_show" });
    await stack.mux.webhooks.settled();
    const ended = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
    expect(ended.status).toBe("replay_ready");
    expect(ended.replayPlaybackId).toBeTruthy();
    expect(stack.mux.asset(ended.replayAssetId!)?.status).toBe("ready");

    const html = await (await admin.get(`/app/shows/${show.id}`)).text();
    expect(html).toContain("Replay chapters");
    // Each chapter is a button that plays the replay from its moment.
    expect(html).toMatch(new RegExp(`<button[^>]*>(<[^>]+>)*\\d+:\\d{2} ${escapeForRegExp(reactEscaped(show.products[1]!.title))}<`));
  });
});

describe("stock when a show goes live", () => {
  it("reads the lineup's stock from Shopify, corrects what drifted and counts the drift", async () => {
    const show = await createShow("Drift check", 1);
    const product = stack.shopify.state.getShop(shop).products.find((candidate) => candidate.id === show.products[0]!.productId)!;
    const variant = product.variants.find((candidate) => candidate.inventoryItem.tracked)!;
    const truth = stack.shopify.state.availableQuantity(shop, variant);
    // A cache that missed webhooks: an old level claiming far more stock than Shopify has. The show
    // page's lineup may have read the truth into the cache already; that reading is forgotten first.
    await prisma.inventoryLevel.deleteMany({ where: { shop, inventoryItemId: variant.inventoryItem.id } });
    await prisma.variantStock.deleteMany({ where: { shop, variantId: variant.id } });
    await recordVariantInventory(shop, {
      variantId: variant.id,
      productId: product.id,
      inventoryItemId: variant.inventoryItem.id,
      tracked: true,
      levels: [{ locationId: variant.inventoryItem.levels[0]!.locationId, available: 999, updatedAt: fromNow({ days: -400 }) }],
      complete: false,
    });

    await stack.mux.connectEncoder(show.muxLiveStreamId!);
    await stack.mux.webhooks.settled();

    const cached = await prisma.variantStock.findUniqueOrThrow({ where: { shop_variantId: { shop, variantId: variant.id } } });
    expect(cached.available).toBe(truth);
    expect((await prisma.showStats.findUniqueOrThrow({ where: { showId: show.id } })).stockDrift).toBe(1);
    await stack.mux.disconnectEncoder(show.muxLiveStreamId!, { immediate: true });
  });
});

describe("Mux webhooks", () => {
  function signed(body: string, secret: string = sandboxMux.webhookSecret) {
    return fetch(`${stack.appUrl}/webhooks/mux`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "mux-signature": muxSignatureHeader(body, secret) },
    });
  }

  function event(type: string, liveStreamId: string, createdAt: string, id = randomUUID()) {
    return JSON.stringify({ id, type, created_at: createdAt, object: { type: "live_stream", id: liveStreamId }, data: { id: liveStreamId } });
  }

  it("answers 401 to a forged signature and changes nothing", async () => {
    const show = await createShow("Forged", 1);
    const response = await signed(event("video.live_stream.active", show.muxLiveStreamId!, new Date().toISOString()), "not-the-secret");
    expect(response.status).toBe(401);
    expect((await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).status).toBe("scheduled");
  });

  it("ignores a duplicate and reaches ended when idle arrives before active", async () => {
    const show = await createShow("Out of order", 1);
    // The encoder connected 45 minutes ago and left 40 minutes later.
    const wentLiveAt = fromNow({ minutes: -45 });
    const endedAt = shifted(wentLiveAt, { minutes: 40 });
    const idle = event("video.live_stream.idle", show.muxLiveStreamId!, endedAt.toISOString());
    const active = event("video.live_stream.active", show.muxLiveStreamId!, wentLiveAt.toISOString());

    expect((await signed(idle)).status).toBe(200);
    const duplicate = await signed(idle);
    expect(duplicate.headers.get("x-duplicate")).toBe("1");
    expect((await signed(active)).status).toBe(200);

    const after = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
    expect(after).toMatchObject({ status: "ended", wentLiveAt, endedAt });
    expect(await prisma.showEvent.count({ where: { showId: show.id, type: "lifecycle.stream_idle" } })).toBe(1);
  });
});

describe("flash deals", () => {
  it("creates a real discount code on the lineup for the deal's time box, and ends it when stopped", async () => {
    const show = await createShow("Deal night", 2);
    // As the control room's fetcher asks (Remix's single-fetch data request), so the answer is the command's result.
    const started = await admin.post(`/app/shows/${show.id}.data`, { intent: "start_deal", kind: "percentage", amount: "20", minutes: "10" });
    expect(started.status).toBe(200);
    const deal = await prisma.showDeal.findFirstOrThrow({ where: { showId: show.id } });
    // The deal's end on the shop's wall clock (Europe/Stockholm), not the server's.
    const endsAt = adminTimeLabel(wallClock(deal.endsAt, stack.shopify.state.getShop(shop).ianaTimezone)).split(", ").at(-1);
    expect(await started.text()).toContain(`Deal ${deal.code} is on until ${endsAt}.`);
    const discount = stack.shopify.state.findDiscountByCode(shop, deal.code);
    expect(discount).toMatchObject({ value: { percentage: 0.2 }, productIds: show.products.map((product) => product.productId) });
    expect(Date.parse(discount!.endsAt!) - Date.parse(discount!.startsAt)).toBe(10 * 60_000);

    await command(show.id, { intent: "stop_deal" });
    expect(stack.shopify.state.discountStatus(stack.shopify.state.findDiscountByCode(shop, deal.code)!)).toBe("EXPIRED");
    expect(await prisma.showEvent.count({ where: { showId: show.id, type: { in: ["deal", "deal_stopped"] } } })).toBe(2);
  });
});

describe("the show page", () => {
  it("asks Shopify for the plan and for the lineup's products at once, not one after the other", async ({ onTestFinished }) => {
    // A lineup no other test here opens (they take the first products), so its catalog is not cached.
    const onSale = stack.shopify.state.getShop(shop).products.filter((product) => product.status === "ACTIVE");
    const showId = await createShowThroughAdmin(admin, onSale.slice(-2), { title: "Asked at once", hostName: "Astrid" });
    const plan = stack.shopify.state.holds.holdNext("activeSubscriptions", shop);
    const catalog = stack.shopify.state.holds.holdNext("nodes", shop);
    onTestFinished(() => {
      plan.release();
      catalog.release();
    });
    const asked = new Set<string>();
    void plan.reached.then(() => asked.add("plan"));
    void catalog.reached.then(() => asked.add("catalog"));
    const page = admin.get(`/app/shows/${showId}`);
    // Awaited one after the other, the catalog would be asked for only once the plan came back:
    // with the plan held, it would never be.
    await expect.poll(() => [...asked].sort(), { timeout: 10_000 }).toEqual(["catalog", "plan"]);
    plan.release();
    catalog.release();
    const response = await page;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Asked at once");
  });
});

describe("an access token Shopify no longer accepts", () => {
  it("answers 401 and forgets the token, so the merchant's next try exchanges a fresh one and succeeds", async () => {
    const show = await createShow("Stale token", 1);
    await prisma.session.updateMany({ where: { shop }, data: { accessToken: "shpat_revoked_by_shopify" } });
    const deal = { intent: "start_deal", kind: "percentage", amount: "10", minutes: "5" };
    expect((await admin.post(`/app/shows/${show.id}`, deal)).status).toBe(401);
    expect(await prisma.showDeal.count({ where: { showId: show.id } })).toBe(0);
    await command(show.id, deal);
    expect(await prisma.showDeal.count({ where: { showId: show.id } })).toBe(1);
    expect((await prisma.session.findFirstOrThrow({ where: { shop, isOnline: false } })).accessToken).not.toBe("shpat_revoked_by_shopify");
  });
});

describe("tenancy", () => {
  it("does not let another shop read or change a show", async () => {
    const show = await createShow("Private to Northwind", 1);
    const otherShop = `rival-${randomUUID().slice(0, 8)}.myshopify.com`;
    stack.shopify.state.createShop({ domain: otherShop, name: "Rival" });
    const rival = adminClient(stack.appUrl, stack.shopify, otherShop);
    expect((await rival.get(`/app/shows/${show.id}`)).status).toBe(404);
    await rival.post(`/app/shows/${show.id}`, { intent: "pin", showProductId: show.products[0]!.id });
    expect((await prisma.showProduct.findUniqueOrThrow({ where: { id: show.products[0]!.id } })).pinnedAt).toBeNull();
  });
});
