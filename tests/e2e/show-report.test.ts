// A show's report in Chromium, through the sandbox admin shell, after a sandbox show: two viewers
// with the stream open and their consented beacons, a pinned product, a checkout in the Shopify
// emulator. The report renders its numbers, which match the order Shopify sent, and its chart
// (loaded after hydration, in its own chunk); a screenshot is kept in test-results/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { SHOW_CLAIM_KEY } from "~/commissions/show-claim";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret } from "../sandbox/config";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import { fromNow } from "../support/clock";
import { openEventStream, type EventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { streamUrl } from "../support/stock-fixtures";
import { createShow, openStorefrontShop, showCommand, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";
import { seriousAccessibilityViolations } from "./axe";
import { appHydrated, collectPageErrors, launchBrowser, newPage } from "./browser";

const SCREENSHOT = path.resolve("test-results/show-report.png");

let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
let live: CreatedShow;
const streams: EventStream[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ env: { ANALYTICS_FLUSH_SECONDS: "1" } }), launchBrowser()]);
  shop = await openStorefrontShop(stack);
  live = await createShow(shop, { title: "Wool, live", products: [shop.products.scarf, shop.products.mug] });
  await stack.mux.connectEncoder(live.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  await showCommand(shop, live.id, { intent: "pin", showProductId: live.lineup.get(shop.products.scarf.id) ?? "" });

  // Two shoppers with the stream open (the audience's peak), who also sent a minute of beacons.
  for (const viewerId of [randomUUID(), randomUUID()]) {
    const token = signViewerToken(sandboxAppSecret, live.id, fromNow({ minutes: 15 }), { viewerId, preview: false });
    streams.push(await openEventStream(streamUrl(stack.appUrl, { shop: shop.domain, showId: live.id }, `&token=${token}`)));
    const events = [{ n: 1, type: "view", ago: 60_000 }, ...[3, 2, 1, 0].map((beat, i) => ({ n: 2 + i, type: "beat", ago: beat * 15_000 }))];
    const beacon = await fetch(shop.storefront(`/apps/live/shows/${live.id}/events`), { method: "POST", body: JSON.stringify({ token, events }), headers: { "content-type": "text/plain;charset=UTF-8" } });
    expect(beacon.status).toBe(202);
  }
  await vi.waitFor(async () => {
    const { _max } = await prisma.showViewerMinute.aggregate({ where: { shop: shop.domain, showId: live.id }, _max: { peak: true } });
    expect(_max.peak).toBe(2);
    expect(await prisma.showViewer.count({ where: { shop: shop.domain, showId: live.id } })).toBe(2);
  }, { timeout: 15_000 });

  stack.shopify.state.createPaidOrder(shop.domain, { lines: [{ variantId: shop.products.scarf.variants[0]!.id, quantity: 2, properties: [{ name: SHOW_CLAIM_KEY, value: live.id }] }] });
  await stack.shopify.webhooks.settled();
}, 120_000);

afterAll(async () => {
  for (const stream of streams) stream.close();
  await browser?.close();
  await stack?.close();
});

function appFrame(page: Page): Frame {
  const frame = page.frame({ name: "app-iframe" });
  if (!frame) throw new Error("The admin has no app iframe");
  return frame;
}

describe("a show's report in the admin", () => {
  it("renders the figures of the sandbox show and its chart of viewers and sales with the pin", { timeout: 60_000 }, async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1280, height: 1600 });
    const errors = collectPageErrors(page);
    await page.goto(adminAppUrl(stack.shopify.url, shop.domain, `/app/analytics/shows/${live.id}`));
    const frame = page.frameLocator("iframe[name=app-iframe]");
    await frame.getByRole("heading", { name: "Report: Wool, live" }).waitFor({ timeout: 20_000 });
    await appHydrated(appFrame(page));

    const figure = (label: string) => frame.locator("dl div", { has: frame.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
    // 2 × 499.00 SEK, the order the emulator sent; two viewers, both at once.
    expect(await figure("Revenue").innerText()).toBe("998.00 SEK");
    expect(await figure("Orders").innerText()).toBe("1");
    expect(await figure("Units").innerText()).toBe("2");
    expect(await figure("Peak viewers").innerText()).toBe("2");
    expect(await figure("Unique viewers").innerText()).toBe("2");
    expect(await figure("Watch time").innerText()).toBe("2 min");
    expect(await figure("Conversion").innerText()).toBe("50.0 %");

    // The chart arrives after hydration, in its own chunk: polaris-viz draws an SVG.
    const chart = frame.getByRole("figure", { name: /Viewers and sales per minute .*: most viewers at once 2 at/ });
    await chart.locator("svg").first().waitFor({ timeout: 15_000 });
    await expect.poll(() => frame.getByText(/Pinned: Wool Scarf/).count()).toBeGreaterThan(0);
    await frame.getByRole("listitem").filter({ hasText: "Wool Scarf" }).first().waitFor();

    // The report's numbers are the orders Shopify sent: its one order of the show, 2 × 499.00 SEK.
    const sales = await prisma.showSale.findMany({ where: { shop: shop.domain, showId: live.id } });
    expect(sales.map((sale) => [sale.quantity, sale.amountMinor])).toEqual([[2, 99_800n]]);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);
    expect(errors, stack.app.logs()).toEqual([]);
  });

  it("lists the show in the overview, whose link opens its report", { timeout: 60_000 }, async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(adminAppUrl(stack.shopify.url, shop.domain, "/app/analytics"));
    const frame = page.frameLocator("iframe[name=app-iframe]");
    const row = frame.getByRole("row").filter({ hasText: "Wool, live" });
    await row.waitFor({ timeout: 20_000 });
    await appHydrated(appFrame(page));
    expect(await row.innerText()).toContain("998.00 SEK");
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);

    await row.getByRole("link", { name: "Report of Wool, live" }).click();
    await frame.getByRole("heading", { name: "Report: Wool, live" }).waitFor();
    expect(errors, stack.app.logs()).toEqual([]);
  });
});
