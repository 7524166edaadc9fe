// The merchant's journey into the embedded app, in Chromium: the sandbox admin frame loads the
// real app (built, on its own origin, through the whole sandbox stack), the app's nav menu
// appears in the admin and navigates the app, client-side data requests pass
// authenticate.admin with App Bridge's session token, and the show form's product picker
// returns products from the sandbox catalog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startStack, type Stack } from "../support/stack";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import { DEMO_SHOP_DOMAIN } from "../sandbox/shopify/seed";
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
