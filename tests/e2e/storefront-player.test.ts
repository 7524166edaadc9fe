// The Mux player (about 1 MB) costs a storefront nothing until a viewer is about to watch: these
// tests count the browser's requests for the player bundle. A live show below the fold fetches
// it only once scrolled into view, and one in view shows its poster in the player's box until the
// page is idle; an upcoming show never; a replay only on Play (from the keyboard here); the "Live
// now" embed only when its pill is opened. Also: the embed's pill, dismissed, stays away across pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "~/db.server";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";
import { seriousAccessibilityViolations } from "./axe";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
let live: CreatedShow;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  shop = await openStorefrontShop(stack);
  live = await createShow(shop, { title: "Knits in the evening", products: [shop.products.scarf, shop.products.shirt] });
  await stack.mux.connectEncoder(live.muxLiveStreamId);
  await stack.mux.webhooks.settled();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const EVENT_TIMEOUT = { timeout: 15_000 };

interface Visit {
  page: Page;
  errors: string[];
  /** Requests for the player bundle so far. */
  player: string[];
}

async function visit(path: string, viewport = { width: 1280, height: 900 }): Promise<Visit> {
  const page = await newPage(browser);
  await page.setViewportSize(viewport);
  const errors = collectPageErrors(page);
  const player: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/storefront/mux-player.js")) player.push(request.url());
  });
  await page.goto(shop.storefront(path));
  return { page, errors, player };
}

const placeBlock = (where: "home" | "product", showId: string, embed = true) =>
  storefrontOf(stack.shopify.state).theme.configure(shop.domain, {
    home: where === "home" ? [{ block: "live-show", settings: { show_id: showId } }] : [],
    product: where === "product" ? [{ block: "live-show", settings: { show_id: showId, layout: "stacked" } }] : [],
    embeds: { "live-now": { enabled: embed } },
  });

describe("the player is fetched only when a viewer is about to watch", () => {
  it("a live show below the fold: not until it is scrolled into view, then it plays muted", { timeout: 60_000 }, async () => {
    placeBlock("product", live.id);
    const { page, errors, player } = await visit("/products/enamel-mug", { width: 1000, height: 500 });
    const block = page.locator("[data-live-shows-block][data-status=live]");
    await block.getByRole("button", { name: "Watch live" }).waitFor({ state: "attached", ...EVENT_TIMEOUT });
    // The bootstrap, the stream and the cart have all answered; the player has not been asked for.
    await block.getByRole("button", { name: "Cart (0)" }).waitFor({ state: "attached" });
    expect(player).toEqual([]);
    expect(await page.locator("mux-player").count()).toBe(0);

    await block.locator(".live-shows__stage").scrollIntoViewIfNeeded();
    await page.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 0.5, null, { timeout: 45_000 });
    expect(player).toHaveLength(1);
    expect(await page.evaluate(() => (document.querySelector("mux-player") as HTMLMediaElement).muted)).toBe(true);
    // The embed stays out of the way where the block already plays the show.
    expect(await page.locator("[data-live-shows-embed]").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a live show in view: its poster first, then the player in the very same box once the page is idle", { timeout: 60_000 }, async () => {
    placeBlock("home", live.id, false);
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    // Where the stage and what it shows sit at the moment each arrives: the poster, then the player.
    await page.addInitScript(() => {
      const seen: Array<{ what: string; stage: unknown; box: unknown }> = [];
      (window as unknown as { arrivals: typeof seen }).arrivals = seen;
      new MutationObserver((records) => {
        for (const record of records) {
          record.addedNodes.forEach((node) => {
            if (!(node instanceof HTMLElement) || !node.closest(".live-shows__stage")) return;
            const what = node.localName === "mux-player" ? "player" : node.classList.contains("live-shows__poster") ? "poster" : "";
            if (what) seen.push({ what, stage: (node.closest(".live-shows__stage") as HTMLElement).getBoundingClientRect().toJSON(), box: node.getBoundingClientRect().toJSON() });
          });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(shop.storefront("/"));
    const block = page.locator("[data-live-shows-block][data-status=live]");
    // The poster carries a real, named button: a keyboard or a screen reader can start the show.
    await block.getByRole("button", { name: "Watch live" }).waitFor({ state: "attached", ...EVENT_TIMEOUT });
    await page.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 0.5, null, { timeout: 45_000 });

    type Arrival = { what: string; stage: unknown; box: unknown };
    const arrivals = await page.evaluate(() => (window as unknown as { arrivals: Arrival[] }).arrivals);
    expect(arrivals.map((arrival) => arrival.what)).toEqual(["poster", "player"]);
    const [poster, player] = arrivals as [Arrival, Arrival];
    // Nothing moved: the stage kept its box, and the poster and the player each filled it exactly.
    expect(player.stage).toEqual(poster.stage);
    expect(poster.box).toEqual(poster.stage);
    expect(player.box).toEqual(poster.stage);
    expect(await page.locator(".live-shows__stage").evaluate((stage) => stage.getBoundingClientRect().toJSON())).toEqual(poster.stage);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an upcoming show in view: never", async () => {
    const upcoming = await createShow(shop, { title: "Next week", products: [shop.products.mug] });
    placeBlock("home", upcoming.id, false);
    const { page, errors, player } = await visit("/");
    const block = page.locator("[data-live-shows-block][data-status=scheduled]");
    await block.getByRole("button", { name: "Remind me" }).waitFor(EVENT_TIMEOUT);
    await block.getByRole("button", { name: "Cart (0)" }).waitFor();

    // Reminding is in place: an email, and what happens next (the address confirms first), announced.
    await block.getByRole("button", { name: "Remind me" }).click();
    await block.getByRole("textbox", { name: "Your email" }).fill("viewer@example.se");
    await block.getByRole("button", { name: "Remind me" }).click();
    await block.locator(".live-shows__actions").getByText("Check your email and confirm to get the reminder.").waitFor(EVENT_TIMEOUT);
    await expect.poll(() => block.getByRole("status").textContent()).toBe("Check your email and confirm to get the reminder.");
    // With the page it was asked on, which the reminder email will link to.
    expect(await prisma.showReminder.findMany({ where: { shop: shop.domain, showId: upcoming.id }, select: { email: true, pageUrl: true } })).toEqual([
      { email: "viewer@example.se", pageUrl: `${stack.shopify.url}/` },
    ]);
    expect(player).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a replay: on Play, with chapters that jump and a rail that follows", { timeout: 90_000 }, async () => {
    const recorded = await createShow(shop, { title: "Yesterday's show", products: [shop.products.scarf, shop.products.shirt] });
    await stack.mux.connectEncoder(recorded.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    await showCommand(shop, recorded.id, { intent: "pin", showProductId: recorded.lineup.get(shop.products.shirt.id) as string });
    await showCommand(shop, recorded.id, { intent: "end_show" });
    await stack.mux.webhooks.settled();
    placeBlock("home", recorded.id, false);

    const { page, errors, player } = await visit("/");
    const block = page.locator("[data-live-shows-block][data-status=replay_ready]");
    const chapters = block.getByRole("list", { name: "Chapters" });
    await chapters.getByRole("button", { name: /^\d+:\d\d Linen Shirt$/ }).waitFor(EVENT_TIMEOUT);
    expect(player).toEqual([]);
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);

    // From the keyboard: the poster's play button takes focus, and Enter starts the player.
    const play = block.getByRole("button", { name: "Watch the replay" });
    await play.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 0.2, null, { timeout: 45_000 });
    expect(player).toHaveLength(1);
    // The shirt's chapter is playing: its card is the one shown.
    await block.locator(".live-shows__card[aria-current=true]", { hasText: "Linen Shirt" }).waitFor(EVENT_TIMEOUT);
    // The chapter list follows the same playhead on its own update, so it is awaited too.
    await expect.poll(() => chapters.getByRole("button", { name: /Linen Shirt/ }).getAttribute("aria-current")).toBe("true");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the Live now embed", () => {
  it("shows a pill while a show is live, fetches the player only when opened, and stays dismissed across pages", { timeout: 60_000 }, async () => {
    storefrontOf(stack.shopify.state).theme.configure(shop.domain, { home: [], product: [], embeds: { "live-now": { enabled: true } } });
    const { page, errors, player } = await visit("/");
    const embed = page.locator("[data-live-shows-embed]");
    const pill = embed.getByRole("button", { name: `Watch ${(await currentLiveTitle())}` });
    await pill.waitFor(EVENT_TIMEOUT);
    expect(await pill.getAttribute("aria-expanded")).toBe("false");
    expect(player).toEqual([]);

    await pill.click();
    await page.waitForFunction(() => ((document.querySelector("[data-live-shows-embed] mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 0.2, null, { timeout: 45_000 });
    expect(await pill.getAttribute("aria-expanded")).toBe("true");
    expect(player).toHaveLength(1);

    // Another page: the open player picks the show up again by itself.
    await page.goto(shop.storefront("/products/wool-scarf"));
    await page.locator("[data-live-shows-embed] mux-player").waitFor(EVENT_TIMEOUT);

    await embed.getByRole("button", { name: "Hide" }).click();
    expect(await embed.isHidden()).toBe(true);
    await page.goto(shop.storefront("/"));
    // The embed has made up its mind, and the dismissed pill has not come back.
    await page.locator("[data-live-shows-embed][data-state=dismissed]").waitFor({ state: "attached", ...EVENT_TIMEOUT });
    expect(await embed.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The current live show's title, as the embed names it: the one most recently gone live. */
async function currentLiveTitle(): Promise<string> {
  const response = await fetch(shop.storefront("/apps/live/shows/current?lite=1"));
  return ((await response.json()) as { show: { title: string } }).show.title;
}
