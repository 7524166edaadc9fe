// The merchant's rehearsal, in Chromium through the sandbox admin: schedule a show with three
// products from the resource picker, reveal the stream key, go live as a rehearsal from the
// sandbox encoder, and pin a product. Every admin page on the way passes axe-core.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import prisma from "~/db.server";
import { startStack, type Stack } from "../support/stack";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import { DEMO_SHOP_DOMAIN } from "../sandbox/shopify/seed";
import { seriousAccessibilityViolations } from "./axe";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

function appFrame(page: Page): Frame {
  const frame = page.frame({ name: "app-iframe" });
  if (!frame) throw new Error("The admin has no app iframe");
  return frame;
}

describe("the control room", () => {
  it("schedules a rehearsal with three picked products, reveals the key, goes live and pins", { timeout: 90_000 }, async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(adminAppUrl(stack.shopify.url, DEMO_SHOP_DOMAIN, "/app/shows"));
    const frame = page.frameLocator("iframe[name=app-iframe]");
    await frame.getByRole("heading", { name: "Shows", exact: true }).waitFor({ timeout: 20_000 });
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);

    await frame.getByText("Schedule a show").first().click();
    await frame.getByLabel("Title").fill("Rehearsal: winter layers");
    await frame.getByLabel(/^Starts/).fill("2026-12-01T18:00");
    await frame.getByLabel("Visibility").selectOption("rehearsal");
    await frame.getByRole("button", { name: "Pick products" }).click();
    const dialog = frame.getByRole("dialog", { name: "Select products" });
    const boxes = dialog.getByRole("checkbox");
    for (const index of [0, 1, 2]) await boxes.nth(index).check();
    await dialog.getByRole("button", { name: "Select" }).click();
    await expect.poll(() => frame.getByRole("list", { name: "Show lineup" }).getByRole("listitem").count()).toBe(3);
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);
    await frame.getByRole("button", { name: "Save show" }).click();

    await frame.getByRole("heading", { name: "Rehearsal: winter layers" }).waitFor({ timeout: 20_000 });
    const show = await prisma.show.findFirstOrThrow({ where: { shop: DEMO_SHOP_DOMAIN, title: "Rehearsal: winter layers" }, include: { products: true } });
    expect(show.mode).toBe("rehearsal");
    expect(show.products).toHaveLength(3);

    await frame.getByRole("button", { name: "Reveal" }).click();
    const streamKey = stack.mux.liveStream(show.muxLiveStreamId!)!.stream_key;
    await expect.poll(() => frame.getByLabel("Stream key").inputValue()).toBe(streamKey);

    await stack.mux.connectEncoder(show.muxLiveStreamId!);
    await stack.mux.webhooks.settled();
    await page.reload();
    await frame.getByText("You are live").waitFor({ timeout: 20_000 });
    await frame.getByRole("link", { name: "Open the rehearsal preview" }).waitFor();
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);

    const first = show.products.sort((a, b) => a.position - b.position)[0]!;
    await frame.getByRole("button", { name: `Pin ${first.title}` }).click();
    await frame.getByRole("status").getByText(`${first.title} pinned.`).waitFor();
    expect((await prisma.showProduct.findUniqueOrThrow({ where: { id: first.id } })).pinnedAt).not.toBeNull();
    expect(await prisma.showEvent.count({ where: { showId: show.id, type: "pin" } })).toBe(1);

    expect(errors).toEqual([]);
  });
});
