// A shopper's live show on the sandbox storefront, in Chromium, against the built app: the
// countdown of an upcoming show; the encoder goes live and the video plays; the host pins a
// product; the shopper picks a variant and adds it to the cart without leaving the stream;
// a flash deal counts down; another product sells out in Shopify and the open page says so;
// checkout creates an order whose line carries the show, with the deal's code applied. Nothing here reloads the page until checkout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator } from "playwright-core";
import prisma from "~/db.server";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, shopLocalTime, type StorefrontShop } from "../support/storefront-shop";
import { seriousAccessibilityViolations } from "./axe";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

let stack: Stack;
let shop: StorefrontShop;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  shop = await openStorefrontShop(stack);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Bounded waits: the page is driven by the app's events, never by the test's clock. */
const EVENT_TIMEOUT = { timeout: 15_000 };

const card = (block: Locator, title: string) => block.locator(".live-shows__card", { has: block.page().getByRole("heading", { name: title }) });

describe("a live show on the storefront", () => {
  it("counts down, goes live and plays, follows the pin and a deal, sells without leaving, shows a sell-out, and checks out with the show on the line", { timeout: 120_000 }, async () => {
    const { scarf, shirt, mug } = shop.products;
    const show = await createShow(shop, { title: "Autumn layers, live", products: [shirt, scarf, mug], startsAt: shopLocalTime(90) });
    storefrontOf(stack.shopify.state).theme.configure(shop.domain, { home: [{ block: "live-show", settings: { show_id: show.id } }], product: [] });

    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    const playerRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/storefront/mux-player.js")) playerRequests.push(request.url());
    });
    await page.goto(shop.storefront("/"));
    const block = page.locator("[data-live-shows-block]");

    // Upcoming: the countdown, a calendar file, a reminder; no player yet.
    await block.getByRole("timer").getByText(/^Starts in 1:\d\d:\d\d$/).waitFor(EVENT_TIMEOUT);
    expect(await block.getByText("Autumn layers, live").count()).toBe(1);
    const calendar = block.getByRole("link", { name: "Add to calendar" });
    expect(await calendar.getAttribute("href")).toContain(`/apps/live/shows/${show.id}/calendar.ics?url=`);
    await block.getByRole("button", { name: "Remind me" }).waitFor();
    // The rail is there before the show starts, with the shop's prices and honest stock.
    const shirtCard = card(block, "Linen Shirt");
    await shirtCard.getByText("899,00 kr").waitFor();
    await shirtCard.getByText("Only 3 left").waitFor();
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);
    expect(playerRequests).toEqual([]);

    // The encoder connects: the page hears it, loads the player (the block is in view) and plays.
    await stack.mux.connectEncoder(show.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    await page.locator("[data-live-shows-block][data-status=live]").waitFor(EVENT_TIMEOUT);
    // (Once the player is up it shows its own live indicator, and the badge steps aside.)
    await block.locator(".live-shows__badge", { hasText: "Live" }).waitFor({ state: "attached" });
    await page.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 1, null, { timeout: 45_000 });
    expect(playerRequests).toHaveLength(1);

    // The host pins the scarf: the card is marked, and a screen reader hears it.
    await showCommand(shop, show.id, { intent: "pin", showProductId: show.lineup.get(scarf.id) as string });
    const scarfCard = card(block, "Wool Scarf");
    await block.locator(".live-shows__card[aria-current=true]", { hasText: "Wool Scarf" }).waitFor(EVENT_TIMEOUT);
    await scarfCard.getByText("Now showing").waitFor();
    await expect.poll(() => block.getByRole("status").textContent(), EVENT_TIMEOUT).toBe("Now showing: Wool Scarf");

    // A flash deal: its banner counts down, and its code goes with the cart to checkout.
    await showCommand(shop, show.id, { intent: "start_deal", kind: "percentage", amount: "20", minutes: "10" });
    const deal = await prisma.showDeal.findFirstOrThrow({ where: { shop: shop.domain, showId: show.id } });
    const banner = block.locator(".live-shows__deal");
    await banner.getByText(`Live deal: 20% off with code ${deal.code}`).waitFor(EVENT_TIMEOUT);
    await banner.getByRole("timer").getByText(/^Ends in \d+:\d\d$/).waitFor();

    // A variant, a quantity, Add to cart: the cart inside the player counts 1.
    await scarfCard.getByLabel("Choose").selectOption({ label: "Moss" });
    await scarfCard.getByRole("button", { name: "Add to cart" }).click();
    await block.getByRole("button", { name: "Cart (1)" }).waitFor(EVENT_TIMEOUT);
    await expect.poll(() => block.getByRole("status").textContent(), EVENT_TIMEOUT).toBe("Wool Scarf is in your cart");

    // The last small shirts sell in the shop: the stream says so, the page is not reloaded.
    const small = shirt.variants[0]!;
    stack.shopify.state.setAvailable(shop.domain, small.inventoryItem.id, shop.store.id, 0);
    const soldOut = shirtCard.getByRole("button", { name: "Sold out" });
    await soldOut.waitFor(EVENT_TIMEOUT);
    expect(await soldOut.isDisabled()).toBe(true);
    expect(await shirtCard.getByText("Only 3 left").count()).toBe(0);
    expect(await shirtCard.getByRole("option", { name: "S – Sold out" }).evaluate((option) => (option as HTMLOptionElement).disabled)).toBe(true);

    // Checkout from the mini cart; the order's line names the show, the cart attribute too.
    await block.getByRole("button", { name: "Cart (1)" }).click();
    await block.getByText("1 × Wool Scarf – Moss").waitFor();
    await block.getByRole("link", { name: "Checkout" }).click();
    // The deal's 20 % comes off the checkout's subtotal, as Shopify's checkout shows it (the shop writes "399,20 kr").
    const discounted = Math.round(scarf.variants[1]!.price * 0.8);
    expect(await page.locator("[data-subtotal]").textContent()).toBe(`${(discounted / 100).toFixed(2).replace(".", ",")} kr`);
    await page.getByRole("button", { name: "Pay now" }).click();
    const orderName = await page.locator("[data-order-name]").textContent();
    const order = stack.shopify.state.getShop(shop.domain).orders.at(-1)!;
    expect(orderName).toBe(order.name);
    expect(order.lines).toEqual([
      expect.objectContaining({ variantId: scarf.variants[1]!.id, quantity: 1, properties: [{ name: "_live_show", value: show.id }] }),
    ]);
    expect(order.attributes).toContainEqual({ key: "_live_show", value: show.id });
    expect(order.discountCodes).toEqual([deal.code]);
    expect(order.lines[0]?.discount).toBe(Math.round(scarf.variants[1]!.price * 0.2));
    expect(await prisma.show.count({ where: { id: show.id, shop: shop.domain, status: "live" } })).toBe(1);
    expect(errors).toEqual([]);
  });
});
