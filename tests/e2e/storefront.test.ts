// A shopper's visit to the sandbox storefront in Chromium: the home page shows the app's live
// show block (with the extension's own stylesheet and script loaded), a product goes into the
// cart through the theme's form, and the test-mode checkout pays for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startShopifyEmulator, type ShopifyEmulator } from "../sandbox/shopify";
import { DEMO_SHOP_DOMAIN } from "../sandbox/shopify/seed";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

let emulator: ShopifyEmulator;
let browser: Browser;

beforeAll(async () => {
  // No app behind it: the app proxy answers 502, which this test does not touch.
  [emulator, browser] = await Promise.all([startShopifyEmulator({ appUrl: "http://127.0.0.1:9", seed: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe("the sandbox storefront in a browser", () => {
  it("shows the live show block, and sells a product through cart and checkout", async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    const loaderScript = page.waitForResponse((response) => response.url().includes("/cdn/extensions/live-shows/assets/live-shows.js"));
    await page.goto(`${emulator.url}/`);

    const block = page.locator("[data-live-shows-block]").first();
    await block.waitFor({ state: "visible" });
    expect(await block.getAttribute("aria-label")).toBe("Live shopping show");
    expect((await loaderScript).status()).toBe(200);
    // The extension's stylesheet is applied: the stage keeps its 16:9 box before any script runs.
    expect(await page.locator(".live-shows__stage").first().evaluate((stage) => getComputedStyle(stage).aspectRatio)).toBe("16 / 9");
    expect(await page.locator("[data-live-shows-embed]").count()).toBe(1);
    await block.getByText("The show could not load right now.").waitFor();

    const product = emulator.state.getShop(DEMO_SHOP_DOMAIN).products.find((candidate) =>
      candidate.status === "ACTIVE" && candidate.variants.some((variant) => (emulator.state.availableQuantity(DEMO_SHOP_DOMAIN, variant) ?? 1) > 0),
    )!;
    await page.locator(`[data-product-handle="${product.handle}"] a`).click();
    await page.getByRole("heading", { level: 1, name: product.title }).waitFor();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("heading", { name: "Your cart" }).waitFor();
    expect(await page.locator("[data-cart-count]").textContent()).toBe("1");

    await page.getByRole("button", { name: "Check out" }).click();
    await page.getByRole("button", { name: "Pay now" }).click();
    const orderName = await page.locator("[data-order-name]").textContent();
    const order = emulator.state.getShop(DEMO_SHOP_DOMAIN).orders.at(-1)!;
    expect(orderName).toBe(order.name);
    expect(order.lines[0]?.productId).toBe(product.id);
    // With no app behind the app proxy, the block's and the embed's bootstrap requests fail (502);
    // the block shows its friendly message instead. Nothing else may go wrong.
    expect(errors.filter((error) => !/status of 502 .*\/apps\/live\/shows\/current/.test(error))).toEqual([]);
  });
});
