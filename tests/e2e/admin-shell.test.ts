// The merchant's journey into the embedded app, in Chromium: the sandbox admin frame loads the
// real app (built, on its own origin, through the whole sandbox stack), the app's nav menu
// appears in the admin and navigates the app, client-side data requests pass
// authenticate.admin with App Bridge's session token, and the show form's product picker
// returns products from the sandbox catalog. Then the merchant's rehearsal: schedule a show with
// three products from the picker, reveal the stream key, go live as a rehearsal from the sandbox
// encoder, and pin a product; every admin page on the way passes axe-core.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import prisma from "~/db.server";
import { startStack, type Stack } from "../support/stack";
import { futureWallClock, shifted, zonedInstant } from "../support/clock";
import { adminTimeLabel } from "../support/show-form";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import { DEMO_SHOP_DOMAIN } from "../sandbox/shopify/seed";
import { appHydrated, collectPageErrors, launchBrowser, newPage } from "./browser";
import { seriousAccessibilityViolations } from "./axe";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the embedded app in the sandbox admin", () => {
  it("loads, navigates from the admin nav and picks products with the resource picker", { timeout: 60_000 }, async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(adminAppUrl(stack.shopify.url, DEMO_SHOP_DOMAIN));
    const frame = page.frameLocator("iframe[name=app-iframe]");
    const adminNav = page.getByRole("navigation", { name: "Admin navigation" });

    // The app's <NavMenu> shows in the admin once the app has rendered; clicking navigates the app.
    const showsLink = adminNav.getByRole("link", { name: "Shows", exact: true });
    await showsLink.waitFor({ timeout: 20_000 }).catch((error: Error) => {
      throw new Error(`The app's nav menu never reached the admin: ${error.message}\nPage errors:\n${errors.join("\n")}\nApp log:\n${stack.app.logs()}`);
    });
    await showsLink.click();
    await frame.getByRole("heading", { name: "Shows", exact: true }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/admin/apps/live-shows/app/shows");

    await frame.getByText("Schedule a show").first().click();
    await frame.getByRole("button", { name: "Pick products" }).click();
    const dialog = frame.getByRole("dialog", { name: "Select products" });
    await dialog.getByRole("searchbox", { name: "Search products" }).fill("merino");
    await dialog.getByRole("checkbox", { name: /Merino Crew Sweater/ }).check();
    await dialog.getByRole("button", { name: "Select" }).click();
    await frame.getByText("Merino Crew Sweater").first().waitFor();

    expect(errors, stack.app.logs()).toEqual([]);
  });
});

function appFrame(page: Page): Frame {
  const frame = page.frame({ name: "app-iframe" });
  if (!frame) throw new Error("The admin has no app iframe");
  return frame;
}

describe("the control room", () => {
  it("schedules a rehearsal with three picked products and a creator as host, reveals the key, goes live and pins", { timeout: 90_000 }, async () => {
    const ada = await prisma.creator.create({
      data: { shop: DEMO_SHOP_DOMAIN, name: "Ada Host", email: `ada-${Date.now()}@creators.example`, commissionBps: 1250, status: "active" },
    });
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(adminAppUrl(stack.shopify.url, DEMO_SHOP_DOMAIN, "/app/shows"));
    const frame = page.frameLocator("iframe[name=app-iframe]");
    await frame.getByRole("heading", { name: "Shows", exact: true }).waitFor({ timeout: 20_000 });
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);

    await frame.getByText("Schedule a show").first().click();
    await frame.getByLabel("Title").fill("Rehearsal: winter layers");
    // 18:00 on the shop's wall clock, a month from now: the form reads it in the shop's timezone.
    const timeZone = stack.shopify.state.getShop(DEMO_SHOP_DOMAIN).ianaTimezone;
    const startsAt = futureWallClock(30, "18:00", timeZone);
    await frame.getByLabel(/^Starts/).fill(startsAt);
    await frame.getByLabel("Visibility").selectOption("rehearsal");
    const host = frame.getByLabel("Host", { exact: true });
    await host.selectOption({ label: "Someone else" });
    await frame.getByLabel("Host's name").fill("Astrid");
    await frame.getByText("They earn no commission.").waitFor();
    await host.selectOption({ label: "Ada Host" });
    await frame.getByText("Earns 12.5% commission on the show's sales.").waitFor();
    await frame.getByLabel("Host's name").waitFor({ state: "detached" });
    await frame.getByRole("button", { name: "Pick products" }).click();
    const dialog = frame.getByRole("dialog", { name: "Select products" });
    const boxes = dialog.getByRole("checkbox");
    for (const index of [0, 1, 2]) await boxes.nth(index).check();
    await dialog.getByRole("button", { name: "Select" }).click();
    await expect.poll(() => frame.getByRole("list", { name: "Show lineup" }).getByRole("listitem").count()).toBe(3);

    // The show deal is off until asked for; its code is suggested from the title, its length from the show's.
    await frame.getByLabel("Discount code").waitFor({ state: "detached" });
    await frame.getByLabel("Offer a deal on the lineup during the show").check();
    await expect.poll(() => frame.getByLabel("Discount code").inputValue()).toBe("REHEARSAL-WINTER-LAYERS");
    await expect.poll(() => frame.getByLabel("For (minutes)").inputValue()).toBe("60");
    await frame.getByLabel("Percent off").fill("15");
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);
    await frame.getByRole("button", { name: "Save show" }).click();

    await frame.getByRole("heading", { name: "Rehearsal: winter layers" }).waitFor({ timeout: 20_000 });
    const show = await prisma.show.findFirstOrThrow({ where: { shop: DEMO_SHOP_DOMAIN, title: "Rehearsal: winter layers" }, include: { products: true } });
    expect(show.mode).toBe("rehearsal");
    expect(show.products).toHaveLength(3);
    expect(show).toMatchObject({ creatorId: ada.id, hostName: "Ada Host" });
    const discount = stack.shopify.state.findDiscountByCode(DEMO_SHOP_DOMAIN, "REHEARSAL-WINTER-LAYERS");
    const showStart = zonedInstant(startsAt, timeZone);
    expect(discount).toMatchObject({ value: { percentage: 0.15 }, startsAt: showStart.toISOString(), endsAt: shifted(showStart, { hours: 1 }).toISOString() });
    await frame.getByText(`Scheduled: 15% off, starts ${adminTimeLabel(startsAt)} (code REHEARSAL-WINTER-LAYERS)`).waitFor();

    // On the show page the host changes through App Bridge's save bar.
    await expect.poll(() => frame.getByLabel("Host", { exact: true }).inputValue()).toBe(ada.id);
    await frame.getByLabel("Host", { exact: true }).selectOption({ label: "Someone else" });
    await frame.getByLabel("Host's name").fill("Astrid");
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);
    await frame.getByRole("region", { name: "Unsaved changes" }).getByRole("button", { name: "Save" }).click();
    await frame.getByRole("status").getByText("Astrid hosts this show.").waitFor();
    expect(await prisma.show.findUniqueOrThrow({ where: { id: show.id } })).toMatchObject({ creatorId: null, hostName: "Astrid" });

    await frame.getByRole("button", { name: "Reveal" }).click();
    const streamKey = stack.mux.liveStream(show.muxLiveStreamId!)!.stream_key;
    await expect.poll(() => frame.getByLabel("Stream key").inputValue()).toBe(streamKey);

    await stack.mux.connectEncoder(show.muxLiveStreamId!);
    await stack.mux.webhooks.settled();
    await page.reload();
    await frame.getByText("You are live").waitFor({ timeout: 20_000 });
    await appHydrated(appFrame(page));
    await frame.getByRole("button", { name: "Create preview link" }).click();
    await frame.getByRole("link", { name: "Open preview" }).waitFor();
    expect(await seriousAccessibilityViolations(appFrame(page))).toEqual([]);

    const first = show.products.sort((a, b) => a.position - b.position)[0]!;
    await frame.getByRole("button", { name: `Pin ${first.title}` }).click();
    await frame.getByRole("status").getByText(`${first.title} pinned.`).waitFor();
    expect((await prisma.showProduct.findUniqueOrThrow({ where: { id: first.id } })).pinnedAt).not.toBeNull();
    expect(await prisma.showEvent.count({ where: { showId: show.id, type: "pin" } })).toBe(1);

    expect(errors).toEqual([]);
  });
});
