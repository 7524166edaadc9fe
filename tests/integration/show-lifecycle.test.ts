// The show's lifecycle in the control room, over real HTTP through the built app and the sandbox:
// ending asks nothing of the server but is refused unless live, and stops the running deal; once
// over, the live controls and the stream key are refused with words (never a 500); the key cannot
// be reset while live. And the private preview link: every show not yet public on air has one,
// it opens the show on the storefront before shoppers can see it, for a previewer who gets no
// deal and is not counted, and it stops working when revoked, replaced or expired.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { readViewerToken } from "~/realtime/viewer-token.server";
import { PREVIEW_TTL_SECONDS, createPreviewToken, issuePreviewLink } from "~/shows/preview-link.server";
import type { ShowBootstrap } from "~/storefront/bootstrap-contract";
import { sandboxAppSecret } from "../sandbox/config";
import { fromNow, shifted, wallClock } from "../support/clock";
import { adminTimeLabel } from "../support/show-form";
import { newPreviewLink } from "../support/preview-link";
import { openEventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { STOREFRONT_TIMEZONE, createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;

beforeAll(async () => {
  stack = await startStack();
  shop = await openStorefrontShop(stack);
});

afterAll(async () => {
  await stack?.close();
});

/** A control-room command as the page's fetcher sends it; the answer's words are in the body. */
async function command(showId: string, form: Record<string, string>): Promise<string> {
  const response = await shop.admin.post(`/app/shows/${showId}.data`, form);
  const body = await response.text();
  expect(response.status, body).toBe(200);
  return body;
}

async function controlRoom(showId: string): Promise<string> {
  const response = await shop.admin.get(`/app/shows/${showId}`);
  expect(response.status).toBe(200);
  return response.text();
}

const bootstrapOf = (showId: string, preview?: string) =>
  fetch(shop.storefront(`/apps/live/shows/${showId}${preview ? `?preview=${encodeURIComponent(preview)}` : ""}`));

async function bootstrap(showId: string, preview?: string): Promise<ShowBootstrap> {
  const response = await bootstrapOf(showId, preview);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ShowBootstrap;
}

async function goLive(show: CreatedShow) {
  await stack.mux.connectEncoder(show.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  expect((await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).status).toBe("live");
}

const status = async (showId: string) => (await prisma.show.findUniqueOrThrow({ where: { id: showId } })).status;

describe("ending a show", () => {
  it("is refused while the show is not live, and leaves its stream usable", async () => {
    const show = await createShow(shop, { title: "Not yet", products: [shop.products.mug] });
    expect(await command(show.id, { intent: "end_show" })).toContain("This show is not live, so there is nothing to end.");
    expect(await status(show.id)).toBe("scheduled");
    expect(stack.mux.liveStream(show.muxLiveStreamId)?.status).not.toBe("disabled");
    // The encoder can still go live on it.
    await goLive(show);
    await stack.mux.disconnectEncoder(show.muxLiveStreamId, { immediate: true });
  });

  it("ends a live show, stops its running deal's code in Shopify, and the replay follows", async () => {
    const show = await createShow(shop, { title: "Ends with a deal", products: [shop.products.scarf] });
    await goLive(show);
    await command(show.id, { intent: "start_deal", kind: "percentage", amount: "15", minutes: "30" });
    const deal = await prisma.showDeal.findFirstOrThrow({ where: { showId: show.id } });
    expect(stack.shopify.state.discountStatus(stack.shopify.state.findDiscountByCode(shop.domain, deal.code)!)).toBe("ACTIVE");

    expect(await command(show.id, { intent: "end_show" })).toContain("The show has ended. The replay follows once the recording is ready.");
    expect(stack.shopify.state.discountStatus(stack.shopify.state.findDiscountByCode(shop.domain, deal.code)!)).toBe("EXPIRED");
    expect((await prisma.showDeal.findUniqueOrThrow({ where: { id: deal.id } })).stoppedAt).not.toBeNull();
    await stack.mux.webhooks.settled();
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ status: "replay_ready", replayPlaybackId: expect.any(String) });
  });
});

describe("after the end", () => {
  let ended: CreatedShow;

  beforeAll(async () => {
    ended = await createShow(shop, { title: "Over and done", products: [shop.products.scarf, shop.products.shirt] });
    await goLive(ended);
    await command(ended.id, { intent: "pin", showProductId: ended.lineup.get(shop.products.shirt.id)! });
    await command(ended.id, { intent: "end_show" });
    await stack.mux.webhooks.settled();
    expect(await status(ended.id)).toBe("replay_ready");
  });

  it.each([
    ["pin", { intent: "pin" }, "This show has ended, so products can no longer be pinned."],
    ["unpin", { intent: "unpin" }, "This show has ended, so products can no longer be pinned."],
    ["reveal the stream key", { intent: "reveal_key" }, "This show has ended, so its stream key is closed."],
    ["reset the stream key", { intent: "reset_key" }, "This show has ended, so its stream key is closed."],
    ["start a deal", { intent: "start_deal", kind: "percentage", amount: "10", minutes: "5" }, "This show has ended, so no deal can start."],
  ])("refuses to %s, in words, and changes nothing", async (_action, form, words) => {
    const scarf = ended.lineup.get(shop.products.scarf.id)!;
    const keyBefore = stack.mux.liveStream(ended.muxLiveStreamId)!.stream_key;
    const answer = await command(ended.id, { ...form, ...(form.intent.endsWith("pin") ? { showProductId: scarf } : {}) });
    expect(answer).toContain(words);
    expect(answer).not.toContain(keyBefore);
    expect((await prisma.showProduct.findUniqueOrThrow({ where: { id: scarf } })).pinnedAt).toBeNull();
    expect(stack.mux.liveStream(ended.muxLiveStreamId)?.stream_key).toBe(keyBefore);
    expect(await prisma.showDeal.count({ where: { showId: ended.id } })).toBe(0);
  });

  it("draws no pin, deal, stream key or End control, and plays the replay with its chapters", async () => {
    const html = await controlRoom(ended.id);
    expect(html).toContain("The stream has ended.");
    for (const control of ["Pin Wool Scarf", "Unpin Linen Shirt", ">Reveal<", "Reset stream key", "End show", "Start deal", "Schedule deal"]) {
      expect(html).not.toContain(control);
    }
    expect(html).toContain('aria-label="Replay chapters"');
    expect(html).toMatch(/<button[^>]*>(<[^>]+>)*\d+:\d{2} Linen Shirt</);
  });
});

describe("the stream key while live", () => {
  it("is refused a reset, with the reason, and the encoder on air keeps its key", async () => {
    const show = await createShow(shop, { title: "Key on air", products: [shop.products.mug] });
    await goLive(show);
    const key = stack.mux.liveStream(show.muxLiveStreamId)!.stream_key;
    expect(await command(show.id, { intent: "reset_key" })).toContain("Your encoder is on air with this key: a new key would cut your broadcast off. End the show first, then reset the key.");
    expect(stack.mux.liveStream(show.muxLiveStreamId)?.stream_key).toBe(key);
    expect(await command(show.id, { intent: "reveal_key" })).toContain(key);
    // The page says so beside the disabled control.
    const page = await controlRoom(show.id);
    expect(page).toMatch(/<button[^>]*aria-disabled="true"[^>]*aria-describedby="reset-key-refusal"[^>]*>(<[^>]+>)*Reset stream key</);
    expect(page).toMatch(/id="reset-key-refusal">Your encoder is on air with this key/);
    await stack.mux.disconnectEncoder(show.muxLiveStreamId, { immediate: true });
  });
});

describe("the private preview link", () => {
  it("opens a public show before it is on air, as shoppers will see it but without the deal, and marks the viewer a previewer", async () => {
    const show = await createShow(shop, { title: "Public, previewed", products: [shop.products.scarf] });
    await command(show.id, { intent: "start_deal", kind: "percentage", amount: "20", minutes: "30" });
    const link = await newPreviewLink(shop.admin, shop.domain, show.id);

    const shopper = await bootstrap(show.id);
    expect(shopper.deal).toMatchObject({ percentOff: 20 });
    expect(readViewerToken(sandboxAppSecret, new URL(shopper.realtime.url).searchParams.get("token"), show.id)?.viewer?.preview).toBe(false);

    const previewer = await bootstrap(show.id, link.token);
    expect(previewer.show).toMatchObject({ id: show.id, status: "scheduled", rehearsal: false });
    expect(previewer.lineup.map((product) => product.title)).toEqual(["Wool Scarf"]);
    expect(previewer.deal).toBeNull();
    expect(readViewerToken(sandboxAppSecret, new URL(previewer.realtime.url).searchParams.get("token"), show.id)?.viewer?.preview).toBe(true);

    // Live, it is public: the control room offers no link, and the old one still only previews.
    await goLive(show);
    expect(await controlRoom(show.id)).not.toContain("live_preview=");
    expect((await bootstrap(show.id, link.token)).deal).toBeNull();
    expect((await bootstrap(show.id)).deal).toMatchObject({ percentOff: 20 });
    await stack.mux.disconnectEncoder(show.muxLiveStreamId, { immediate: true });
  });

  it("is shown in the control room with when it expires, in the shop's timezone", async () => {
    const show = await createShow(shop, { title: "Link on the page", products: [shop.products.mug], mode: "rehearsal" });
    expect(await controlRoom(show.id)).toContain("No preview link works now");
    const link = await newPreviewLink(shop.admin, shop.domain, show.id);
    const html = await controlRoom(show.id);
    expect(html).toContain(`live_show=${show.id}&amp;live_preview=${link.token}`);
    expect(html).toContain(`Works until ${adminTimeLabel(wallClock(link.expiresAt, STOREFRONT_TIMEZONE))}.`);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan((PREVIEW_TTL_SECONDS - 60) * 1000);
  });

  it("opens a rehearsal only while it works: revoked, its viewers' stream is refused too; a new link replaces the old", async () => {
    const show = await createShow(shop, { title: "Private rehearsal", products: [shop.products.mug], mode: "rehearsal" });
    expect((await bootstrapOf(show.id)).status).toBe(404);
    const first = await newPreviewLink(shop.admin, shop.domain, show.id);
    const opened = await bootstrap(show.id, first.token);
    expect(opened.show).toMatchObject({ rehearsal: true, status: "scheduled" });
    const stream = await openEventStream(opened.realtime.url, { origin: stack.shopify.url });
    expect(stream.status).toBe(200);
    stream.close();

    expect(await command(show.id, { intent: "revoke_preview_link" })).toContain("Preview link revoked.");
    expect((await bootstrapOf(show.id, first.token)).status).toBe(404);
    // The stream's admission is kept a few seconds per show, so the refusal may take that long.
    await expect.poll(async () => {
      const refused = await openEventStream(opened.realtime.url, { origin: stack.shopify.url });
      refused.close();
      return refused.status;
    }, { timeout: 10_000, interval: 500 }).toBe(401);
    expect(await controlRoom(show.id)).toContain("No preview link works now");

    const second = await newPreviewLink(shop.admin, shop.domain, show.id);
    expect(second.token).not.toBe(first.token);
    expect((await bootstrap(show.id, second.token)).show.id).toBe(show.id);
    await newPreviewLink(shop.admin, shop.domain, show.id);
    expect((await bootstrapOf(show.id, second.token)).status).toBe(404);
  });

  it("stops working when it expires", async () => {
    const show = await createShow(shop, { title: "Expired rehearsal", products: [shop.products.mug], mode: "rehearsal" });
    // A link made a day and an hour ago: its day is over.
    const madeAt = fromNow({ hours: -25 });
    const state = await issuePreviewLink(shop.domain, show.id, madeAt);
    expect(state.previewExpiresAt).toEqual(shifted(madeAt, { seconds: PREVIEW_TTL_SECONDS }));
    const token = createPreviewToken(shop.domain, show.id, { version: state.previewVersion, expiresAt: state.previewExpiresAt! });
    expect((await bootstrapOf(show.id, token)).status).toBe(404);
    expect(await controlRoom(show.id)).toContain("No preview link works now");
  });

  it("is refused where it has no use, with words", async () => {
    const show = await createShow(shop, { title: "Public and on air", products: [shop.products.mug] });
    await goLive(show);
    expect(await command(show.id, { intent: "new_preview_link" })).toContain("This show is public and on air: shoppers see it without a link.");
    await stack.mux.disconnectEncoder(show.muxLiveStreamId, { immediate: true });
  });
});

describe("going public", () => {
  it("turns a rehearsal on air into a public show: shoppers see it, it is charged, and sales count from then on", async () => {
    const show = await createShow(shop, { title: "Rehearsed, then public", products: [shop.products.mug], mode: "rehearsal" });
    await goLive(show);
    expect((await bootstrapOf(show.id)).status).toBe(404);
    const before = Date.now();
    expect(await command(show.id, { intent: "go_public" })).toContain("Your show is public: shoppers can watch it now.");
    const now = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
    expect(now).toMatchObject({ mode: "public", status: "live" });
    expect(now.wentPublicAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect((await bootstrap(show.id)).show).toMatchObject({ status: "live", rehearsal: false });
    expect(await prisma.showUsageCharge.count({ where: { showId: show.id } })).toBe(1);
    expect(await command(show.id, { intent: "go_public" })).toContain("This show is already public.");
    await stack.mux.disconnectEncoder(show.muxLiveStreamId, { immediate: true });
  });

  it("turns a scheduled rehearsal public, and refuses an ended one", async () => {
    const scheduled = await createShow(shop, { title: "Public after all", products: [shop.products.mug], mode: "rehearsal" });
    expect(await command(scheduled.id, { intent: "go_public" })).toContain("Your show is public: shoppers see it on your storefront.");
    expect(await prisma.show.findUniqueOrThrow({ where: { id: scheduled.id } })).toMatchObject({ mode: "public", wentPublicAt: null });
    expect((await bootstrap(scheduled.id)).show.status).toBe("scheduled");

    const over = await createShow(shop, { title: "Rehearsal over", products: [shop.products.mug], mode: "rehearsal" });
    await goLive(over);
    await command(over.id, { intent: "end_show" });
    expect(await command(over.id, { intent: "go_public" })).toContain("This rehearsal is over.");
    expect((await prisma.show.findUniqueOrThrow({ where: { id: over.id } })).mode).toBe("rehearsal");
  });
});
