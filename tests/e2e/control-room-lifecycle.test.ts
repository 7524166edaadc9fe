// The show's lifecycle as the merchant meets it in the control room, in Chromium through the
// sandbox admin shell: a rehearsal's private preview link opens the show on the storefront before
// it is public, for a previewer the "Viewers now" figure never counts; "End show" asks first
// (cancel keeps the show live, confirm ends it); the ended show offers no pin, deal or stream key;
// the replay plays in the admin and its chapters seek; a revoked or expired link opens nothing
// (the world clock moves a day ahead, nobody waits). axe-core checks the control room in every
// state on the way: scheduled, live, asking to end, ended, replay ready. The steps share the
// stack and run in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, FrameLocator, Page } from "playwright-core";
import prisma from "~/db.server";
import { PREVIEW_TTL_SECONDS } from "~/shows/preview-link.server";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import { shifted } from "../support/clock";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, shopLocalTime, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";
import { startWorldClock, type WorldClock } from "../support/world-clock";
import { accessibilityViolations } from "./axe";
import { appHydrated, collectPageErrors, launchBrowser, newPage } from "./browser";

const REHEARSAL = "Knitwear rehearsal";
/** Bounded waits for what the app's events, webhooks or the player bring; nothing here waits for time to pass. */
const EVENT = { timeout: 15_000 };
const STEP = { timeout: 90_000 };
/** The second pin comes this long after the first, so its chapter is further than a few seconds of playback reach. */
const CHAPTER_GAP_SECONDS = 6;

let clock: WorldClock;
let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
let merchant: Page;
let merchantErrors: string[];
let rehearsal: CreatedShow;
/** The previewer's storefront tab, open from the link until the show ends. */
let previewer: Page;
/** Mux's news of the end, held back so the ended show can be seen before its replay is ready. */
let releaseMuxWebhooks: (() => void) | undefined;

beforeAll(async () => {
  clock = startWorldClock();
  // No seeded demo shop: a preview link names no shop, and the sandbox storefront serves its only shop.
  [stack, browser] = await Promise.all([startStack({ seed: false, now: clock.now, env: clock.appEnv }), launchBrowser()]);
  await clock.appFollows(stack.appUrl);
  shop = await openStorefrontShop(stack);
  merchant = await newPage(browser);
  merchantErrors = collectPageErrors(merchant);
});

afterAll(async () => {
  releaseMuxWebhooks?.();
  await browser?.close();
  await stack?.close();
  clock?.close();
});

const room = (): FrameLocator => merchant.frameLocator("iframe[name=app-iframe]");

function roomFrame(): Frame {
  const frame = merchant.frame({ name: "app-iframe" });
  if (!frame) throw new Error("The admin has no app iframe");
  return frame;
}

/** The control room, opened as a bookmark would: a fresh document with a fresh session token. */
async function openControlRoom(show: { id: string }, title: string) {
  await merchant.goto(adminAppUrl(stack.shopify.url, shop.domain, `/app/shows/${show.id}`));
  await room().getByRole("heading", { name: title, exact: true }).waitFor({ timeout: 20_000 }).catch((error: Error) => {
    throw new Error(`${title} did not open: ${error.message}\nPage errors:\n${merchantErrors.join("\n")}\nApp log:\n${stack.app.logs()}`);
  });
  await appHydrated(roomFrame());
}

/** Serious or critical axe violations in the control room as it stands. */
const roomViolations = () => accessibilityViolations(roomFrame());

/** A figure of the control room's live numbers, as the merchant reads it. */
const figure = (label: string) => room().locator("dl > div", { hasText: label }).locator("dd").textContent();

/** A storefront tab of its own (own cookies, own cart); a failed answer's body joins its errors, to say why. */
async function storefrontTab(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(browser);
  const errors = collectPageErrors(page);
  page.on("response", (response) => {
    if (response.status() >= 500) void response.text().then((body) => errors.push(`${response.status()} ${response.url()}: ${body.slice(0, 500)}`), () => undefined);
  });
  await page.goto(url);
  return { page, errors };
}

/** The link the control room shows, as the merchant copies it. */
const previewLinkShown = () => room().getByLabel("Preview link").inputValue();

/** Seconds the broadcast has recorded so far: its asset's event playlist, as a player reads it. */
async function recordedSeconds(liveStreamId: string): Promise<number> {
  const assetId = stack.mux.liveStream(liveStreamId)?.active_asset_id;
  const playbackId = assetId ? stack.mux.asset(assetId)?.playback_ids?.find((playback) => playback.policy === "public")?.id : undefined;
  if (!playbackId) return 0;
  const response = await fetch(`${stack.mux.publicOrigin}/stream/${playbackId}/rendition.m3u8`);
  if (!response.ok) return 0;
  return [...(await response.text()).matchAll(/#EXTINF:([\d.]+)/g)].reduce((total, match) => total + Number(match[1]), 0);
}

/** The admin's replay player, read in the page. */
const playhead = () => roomFrame().evaluate(() => (document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? -1);

/**
 * mux-player's error dialog (media-chrome's) fades out for 150 ms after the player mounts, and is
 * unnamed while it does; a screen reader meets it only when it opens, named by the error. axe
 * looks once the fade is over.
 */
async function playerSettled() {
  const dialogVisibility = () =>
    roomFrame().evaluate(() => {
      const theme = document.querySelector("mux-player")?.shadowRoot?.querySelector("media-theme");
      const dialog = theme?.shadowRoot?.querySelector("media-error-dialog");
      return dialog ? getComputedStyle(dialog).visibility : "no player";
    });
  await expect.poll(dialogVisibility, EVENT).toBe("hidden");
}

/** A chapter button ("0:06 Linen Shirt") and the second it starts at. */
async function chapter(title: string): Promise<{ seconds: number; click(): Promise<void> }> {
  const button = room().getByRole("list", { name: "Replay chapters" }).getByRole("button", { name: new RegExp(`^\\d+:\\d\\d ${title}$`) });
  const [minutes, seconds] = (await button.innerText()).split(" ")[0]!.split(":").map(Number);
  return { seconds: minutes! * 60 + seconds!, click: () => button.click() };
}

/**
 * What went wrong in the admin, less one thing that did not: a document navigation (this test's
 * goto) cancels Remix's lazy route discovery request, which Remix logs as an error.
 */
const unexpected = (errors: string[]) => errors.filter((error) => !error.startsWith("console.error: Failed to fetch manifest patches TypeError: Failed to fetch"));

/**
 * What went wrong in a storefront tab, less the app proxy's 404 for a show this visitor may not
 * see (a rehearsal without its link; no live show for the "Live now" embed), which the browser logs.
 */
const broken = (errors: string[]) => errors.filter((error) => !/Failed to load resource: the server responded with a status of 404 .*\/apps\/live\/shows\//.test(error));

describe("the control room through a show's life", () => {
  it("a rehearsal's preview link opens it on the storefront before it is public, and its viewer is never counted", STEP, async () => {
    rehearsal = await createShow(shop, { title: REHEARSAL, products: [shop.products.scarf, shop.products.shirt], mode: "rehearsal" });
    await openControlRoom(rehearsal, REHEARSAL);
    await room().getByText("No preview link works now").waitFor();
    expect(await roomViolations(), "scheduled").toEqual([]);

    // Someone who guessed the show's address sees nothing: it is not public.
    const guesser = await storefrontTab(shop.storefront(`/?live_show=${rehearsal.id}`));
    await guesser.page.locator("[data-live-shows-block]").getByText("No live show right now.").waitFor(EVENT);
    await guesser.page.close();

    await room().getByRole("button", { name: "Create preview link" }).click();
    const link = await room().getByLabel("Preview link").inputValue();
    expect(link).toContain(`live_show=${rehearsal.id}&live_preview=`);
    const [opened] = await Promise.all([merchant.context().waitForEvent("page"), room().getByRole("link", { name: "Open preview" }).click()]);
    previewer = opened;
    const previewErrors = collectPageErrors(previewer);
    await previewer.waitForURL(link);
    const block = previewer.locator("[data-live-shows-block]");
    await block.getByText("Rehearsal: only you can see this").waitFor(EVENT);
    expect(await block.getAttribute("data-status")).toBe("scheduled");

    // The encoder connects: the control room and the previewer's stream both turn live.
    await stack.mux.connectEncoder(rehearsal.muxLiveStreamId);
    await room().getByText("You are live").waitFor(EVENT);
    await previewer.locator("[data-live-shows-block][data-status=live]").waitFor(EVENT);
    // The control room's own preview of the stream plays.
    await expect.poll(playhead, EVENT).toBeGreaterThan(0);
    await playerSettled();
    expect(await roomViolations(), "live").toEqual([]);

    // Public now: a shopper watches beside the previewer, and only the shopper is counted.
    await room().getByRole("button", { name: "Go public" }).click();
    await room().getByRole("dialog", { name: "Make this show public?" }).getByRole("button", { name: "Go public" }).click();
    await room().getByText("Your show is public: shoppers can watch it now.").waitFor(EVENT);
    const shopper = await storefrontTab(shop.storefront("/"));
    await shopper.page.locator("[data-live-shows-block][data-status=live]").getByText(REHEARSAL).first().waitFor(EVENT);
    await expect.poll(() => figure("Viewers now"), EVENT).toBe("1");
    // The shopper leaves; the previewer is still watching, and the figure falls to none.
    await shopper.page.close();
    await expect.poll(() => figure("Viewers now"), EVENT).toBe("0");
    expect(await figure("Peak viewers")).toBe("1");
    expect(await previewer.locator("[data-live-shows-block][data-status=live]").count()).toBe(1);
    expect(broken([...previewErrors, ...shopper.errors])).toEqual([]);
  });

  it("ending asks first: cancel keeps the show live, confirm ends it, and the ended show offers no pin, deal or key", STEP, async () => {
    // Two chapters well apart for the replay: one pinned at the start, one some seconds in.
    await room().getByRole("button", { name: "Pin Wool Scarf" }).click();
    await room().getByRole("status").getByText("Wool Scarf pinned.").waitFor(EVENT);
    const firstPinAt = await recordedSeconds(rehearsal.muxLiveStreamId);
    await expect.poll(() => recordedSeconds(rehearsal.muxLiveStreamId), { timeout: 30_000 }).toBeGreaterThanOrEqual(firstPinAt + CHAPTER_GAP_SECONDS);
    await room().getByRole("button", { name: "Pin Linen Shirt" }).click();
    await room().getByRole("status").getByText("Linen Shirt pinned.").waitFor(EVENT);
    // Enough recording after the second pin to play from it.
    await expect.poll(() => recordedSeconds(rehearsal.muxLiveStreamId), { timeout: 30_000 }).toBeGreaterThanOrEqual(firstPinAt + CHAPTER_GAP_SECONDS + 6);
    await stack.mux.webhooks.settled();

    await room().getByRole("button", { name: "End show" }).click();
    const asking = room().getByRole("dialog", { name: "End the show?" });
    await asking.getByText("The stream ends for every viewer").waitFor();
    await asking.getByText("The replay follows").waitFor();
    expect(await roomViolations(), "asking to end").toEqual([]);
    await asking.getByRole("button", { name: "Cancel" }).click();
    await asking.waitFor({ state: "detached" });
    expect((await prisma.show.findUniqueOrThrow({ where: { id: rehearsal.id } })).status).toBe("live");
    expect(stack.mux.encoderState(rehearsal.muxLiveStreamId)).toBe("connected");
    await room().getByText("You are live").waitFor();

    releaseMuxWebhooks = stack.mux.webhooks.hold();
    await room().getByRole("button", { name: "End show" }).click();
    await asking.getByRole("button", { name: "End show" }).click();
    await room().getByText("The show has ended. The replay follows once the recording is ready.").waitFor(EVENT);
    expect((await prisma.show.findUniqueOrThrow({ where: { id: rehearsal.id } })).status).toBe("ended");
    await room().getByText("The stream has ended.").waitFor();
    for (const control of ["End show", "Pin Wool Scarf", "Unpin Linen Shirt", "Reveal", "Reset stream key", "Start deal", "Go public"]) {
      expect(await room().getByRole("button", { name: control }).count(), control).toBe(0);
    }
    expect(await room().getByLabel("Stream key").count()).toBe(0);
    expect(await roomViolations(), "ended").toEqual([]);
  });

  it("the replay plays in the admin, and a chapter seeks to its moment", STEP, async () => {
    releaseMuxWebhooks?.();
    releaseMuxWebhooks = undefined;
    await stack.mux.webhooks.settled();
    expect((await prisma.show.findUniqueOrThrow({ where: { id: rehearsal.id } })).status).toBe("replay_ready");
    const replay = room().getByRole("list", { name: "Replay chapters" });
    await replay.waitFor(EVENT);
    // The chapters answer once the player (a chunk of its own) is on the page.
    await replay.getByRole("button", { name: /^\d+:\d\d Linen Shirt$/, disabled: false }).waitFor(EVENT);
    const scarf = await chapter("Wool Scarf");
    const shirt = await chapter("Linen Shirt");
    expect(shirt.seconds - scarf.seconds).toBeGreaterThanOrEqual(CHAPTER_GAP_SECONDS - 1);
    // The player knows the replay: the whole broadcast, well past the second pin.
    await expect.poll(() => roomFrame().evaluate(() => (document.querySelector("mux-player") as HTMLMediaElement | null)?.duration ?? 0), EVENT).toBeGreaterThanOrEqual(
      shirt.seconds + 5,
    );
    await playerSettled();
    expect(await roomViolations(), "replay ready").toEqual([]);

    // The first chapter plays the replay from its start.
    await scarf.click();
    await expect.poll(playhead, { timeout: 45_000 }).toBeGreaterThan(scarf.seconds + 0.3);
    // The second jumps ahead, further than the few seconds played so far could reach.
    await shirt.click();
    await expect.poll(playhead, { timeout: 3_000, interval: 100 }).toBeGreaterThanOrEqual(shirt.seconds);
    // And back to the first.
    await scarf.click();
    await expect.poll(playhead, { timeout: 3_000, interval: 100 }).toBeLessThan(shirt.seconds - 1);
    expect(await roomViolations(), "replay playing").toEqual([]);
    await previewer.close();
  });

  it("a preview link opens nothing once revoked, and nothing once its day is over", STEP, async () => {
    const title = "Next week's rehearsal";
    const next = await createShow(shop, { title, products: [shop.products.mug], startsAt: shopLocalTime(7 * 24 * 60), mode: "rehearsal" });
    await openControlRoom(next, title);
    await room().getByRole("button", { name: "Create preview link" }).click();
    const first = await previewLinkShown();
    const opens = async (url: string) => {
      const tab = await storefrontTab(url);
      const block = tab.page.locator("[data-live-shows-block]");
      await block.getByText(/^(Rehearsal: only you can see this|No live show right now\. Come back soon\.)$/).first().waitFor(EVENT);
      const shown = (await block.getByText(title).count()) > 0;
      await tab.page.close();
      expect(broken(tab.errors), stack.app.logs()).toEqual([]);
      return shown;
    };
    expect(await opens(first)).toBe(true);

    await room().getByRole("button", { name: "Revoke link" }).click();
    await room().getByText("Preview link revoked.").waitFor(EVENT);
    await room().getByText("No preview link works now").waitFor();
    expect(await opens(first)).toBe(false);

    await room().getByRole("button", { name: "Create preview link" }).click();
    const second = await previewLinkShown();
    expect(second).not.toBe(first);
    expect(await opens(second)).toBe(true);

    // A day later (and a minute), for the app and every sandbox; the browser keeps its own clock.
    const { previewExpiresAt } = await prisma.show.findUniqueOrThrow({ where: { id: next.id } });
    expect(previewExpiresAt!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(PREVIEW_TTL_SECONDS * 1000);
    clock.moveTo(shifted(previewExpiresAt!, { minutes: 1 }));
    await clock.appFollows(stack.appUrl);
    // The control room first: a day on, the shop's offline token has expired too, and the admin
    // renews it before the storefront's two app-proxy requests need it at once.
    await openControlRoom(next, title);
    await room().getByText("No preview link works now").waitFor();
    expect(await roomViolations(), "scheduled, link expired").toEqual([]);
    expect(await opens(second)).toBe(false);
    expect(unexpected(merchantErrors)).toEqual([]);
  });
});
