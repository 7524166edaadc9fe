// The whole journey, in Chromium, on one stack: a merchant in the sandbox admin invites a creator
// and schedules a show of two products with them as host; the creator accepts the invitation
// from the mail sandbox and onboards on Stripe's sandbox page; the merchant rehearses privately
// (the preview link on the storefront) and ends the rehearsal; the creator's encoder goes live
// with the key from their portal; one shopper watches and buys two shirts while a second sees
// the stock fall; the control room counts the attributed order and the creator sees the
// commission on hold; the hold passes (the world clock moves two weeks); the merchant pays from
// the Payouts page and Stripe transfers it; the creator signs in again and their statement shows
// the payout; a refund claws back. People click; machines (the encoder, Shopify's checkout and
// refund, Stripe's events) act through the sandboxes. The steps share state and run in order.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, FrameLocator, Locator, Page } from "playwright-core";
import prisma from "~/db.server";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import type { SandboxOrder } from "../sandbox/shopify/state";
import { shifted, wallClock, type Offset } from "../support/clock";
import { signInLinkFor } from "../support/creator-payouts";
import { startStack, type Stack } from "../support/stack";
import { openStorefrontShop, STOREFRONT_TIMEZONE, type StorefrontShop } from "../support/storefront-shop";
import { startWorldClock, type WorldClock } from "../support/world-clock";
import { seriousAccessibilityViolations } from "./axe";
import { appHydrated, collectPageErrors, launchBrowser, newPage } from "./browser";

const SHOW = "Linen and wool, live";
const REHEARSAL = "Rehearsal: linen and wool";
const CREATOR = { name: "Saga Berg", email: `saga-${randomUUID().slice(0, 8)}@creators.example` };
/** Bounded waits for what the app's events or webhooks bring; nothing here waits for time to pass. */
const EVENT = { timeout: 15_000 };
const STEP = { timeout: 60_000 };

let clock: WorldClock;
let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
/** The merchant's admin tab, the creator's browser, and what each page logged as an error. */
let merchant: Page;
let creator: Page;
const errors: { merchant: string[]; creator: string[]; shoppers: string[][] } = { merchant: [], creator: [], shoppers: [] };
let invitedAt: number;
let showId: string;
let order: SandboxOrder;
let soldInAnEarlierMonth = false;

beforeAll(async () => {
  // WORLD_DAYS_AHEAD=400 starts the app and the sandboxes that far ahead of the machine (the
  // browser stays on its clock), to check that nothing here depends on the real day.
  clock = startWorldClock({ daysAhead: Number(process.env.WORLD_DAYS_AHEAD ?? 0) });
  // No seeded demo shop: the rehearsal's preview link names no shop, and the sandbox storefront
  // serves its only shop, as a real one serves its own domain.
  [stack, browser] = await Promise.all([startStack({ seed: false, now: clock.now, env: clock.appEnv }), launchBrowser()]);
  await clock.appFollows(stack.appUrl);
  shop = await openStorefrontShop(stack);
  // The platform's own Stripe balance, which pays the creators.
  stack.stripe.setPlatformBalance({ sek: 1_000_000 });
  merchant = await newPage(browser);
  errors.merchant = collectPageErrors(merchant);
  creator = await newPage(browser);
  errors.creator = collectPageErrors(creator);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  clock?.close();
});

const admin = (): FrameLocator => merchant.frameLocator("iframe[name=app-iframe]");

function adminFrame(): Frame {
  const frame = merchant.frame({ name: "app-iframe" });
  if (!frame) throw new Error("The admin has no app iframe");
  return frame;
}

/** Opens an app page in the admin as a bookmark would: a fresh document with a fresh session token. */
async function openAdmin(path: string, heading: string) {
  await merchant.goto(adminAppUrl(stack.shopify.url, shop.domain, path));
  await admin().getByRole("heading", { name: heading, exact: true }).waitFor({ timeout: 20_000 }).catch((error: Error) => {
    throw new Error(`${heading} did not open: ${error.message}\nPage errors:\n${errors.merchant.join("\n")}\nApp log:\n${stack.app.logs()}`);
  });
}

async function fromAdminNav(link: string, heading: string) {
  await merchant.getByRole("navigation", { name: "Admin navigation" }).getByRole("link", { name: link, exact: true }).click();
  await admin().getByRole("heading", { name: heading, exact: true }).waitFor();
}

/** The shop's wall clock some time from the world's now ("YYYY-MM-DDTHH:mm"), as the show form takes it. */
const shopTime = (offset: Offset) => wallClock(shifted(clock.now(), offset), STOREFRONT_TIMEZONE);
/** The month ("YYYY-MM") an instant falls in on the shop's calendar, as statements are cut. */
const shopMonth = (instant: Date) => wallClock(instant, STOREFRONT_TIMEZONE).slice(0, 7);

/** The new-show form, filled as the merchant does, with the shirt and the scarf from the product picker. */
async function scheduleShow(title: string, startsAt: string, visibility: "public" | "rehearsal", host: string): Promise<string> {
  const form = admin();
  await form.getByText("Schedule a show").first().click();
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel(/^Starts/).fill(startsAt);
  await form.getByLabel("Visibility").selectOption(visibility);
  await form.getByLabel("Host", { exact: true }).selectOption({ label: host });
  await form.getByRole("button", { name: "Pick products" }).click();
  const picker = form.getByRole("dialog", { name: "Select products" });
  await picker.getByRole("checkbox", { name: /Linen Shirt/ }).check();
  await picker.getByRole("checkbox", { name: /Wool Scarf/ }).check();
  await picker.getByRole("button", { name: "Select" }).click();
  await expect.poll(() => form.getByRole("list", { name: "Show lineup" }).getByRole("listitem").count(), EVENT).toBe(2);
  await form.getByRole("button", { name: "Save show" }).click();
  await form.getByRole("heading", { name: title, exact: true }).waitFor({ timeout: 20_000 });
  return (await prisma.show.findFirstOrThrow({ where: { shop: shop.domain, title } })).id;
}

/** A storefront visitor of their own (own cookies, own cart), on the home page with the live show block. */
async function shopper(): Promise<{ page: Page; block: Locator; shirt: Locator }> {
  const page = await newPage(browser);
  errors.shoppers.push(collectPageErrors(page));
  await page.goto(shop.storefront("/"));
  const block = page.locator("[data-live-shows-block][data-status=live]");
  await block.waitFor(EVENT);
  const shirt = block.locator(".live-shows__card", { has: page.getByRole("heading", { name: "Linen Shirt" }) });
  return { page, block, shirt };
}

/**
 * What went wrong in a page, less one thing that did not: Remix asks the server for the routes
 * of the links a page shows (lazy route discovery), and a document navigation that starts
 * meanwhile (this test's goto and reload, a portal link, which is a plain anchor) cancels that
 * request, which Remix logs as an error. The navigation itself goes ahead.
 */
const unexpected = (pageErrors: string[]) => pageErrors.filter((error) => !error.startsWith("console.error: Failed to fetch manifest patches TypeError: Failed to fetch"));

/** The row of a table (Polaris DataTable) that mentions `text`, as one line of text. */
const rowText = (page: Page | FrameLocator, text: string) => page.getByRole("row").filter({ hasText: text }).first().innerText();
/** The row with a cell that says exactly `text`, as one line of text. */
const rowWithCell = (page: Page | FrameLocator, text: string) => page.getByRole("row").filter({ has: page.getByRole("cell", { name: text, exact: true }) }).innerText();

/** The creator moves between months of their statement with its buttons. */
async function statementMonth(button: "Previous month" | "Next month", month: string) {
  await creator.getByRole("link", { name: button }).click();
  await creator.waitForURL((url) => url.searchParams.get("month") === month);
  await creator.getByRole("heading", { name: "Statements" }).waitFor();
}

const creatorRecord = () => prisma.creator.findFirstOrThrow({ where: { shop: shop.domain, email: CREATOR.email } });

describe("a show from planning to the creator's payout and a refund", () => {
  it("the merchant invites a creator and schedules a show of two products with them as host", STEP, async () => {
    await openAdmin("/app/creators", "Creators");
    const page = admin();
    await page.getByLabel("Name", { exact: true }).fill(CREATOR.name);
    await page.getByLabel("Email", { exact: true }).fill(CREATOR.email);
    await page.getByLabel("Default commission").fill("10");
    invitedAt = Date.now();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${CREATOR.email}`).waitFor();
    await page.getByRole("row").filter({ hasText: CREATOR.name }).getByText("Invited").waitFor();

    await fromAdminNav("Shows", "Shows");
    showId = await scheduleShow(SHOW, shopTime({ minutes: 60 }), "public", `${CREATOR.name} (invited)`);
    const show = await prisma.show.findUniqueOrThrow({ where: { id: showId }, include: { products: true } });
    expect(show).toMatchObject({ status: "scheduled", mode: "public", creatorId: (await creatorRecord()).id });
    expect(show.products.map((product) => product.title).sort()).toEqual(["Linen Shirt", "Wool Scarf"]);
  });

  it("the creator accepts the invitation from their email and sets up payouts on Stripe's onboarding page", STEP, async () => {
    await creator.goto(await signInLinkFor(stack.mail, CREATOR.email, invitedAt));
    await creator.getByRole("heading", { name: `Welcome, ${CREATOR.name}` }).waitFor();
    await creator.getByRole("button", { name: "Sign in" }).click();
    await creator.getByRole("heading", { name: `Hi, ${CREATOR.name}` }).waitFor();
    await creator.getByRole("heading", { name: SHOW, exact: true }).waitFor();
    expect(await creator.getByText("your commission 10 %").count()).toBe(1);

    await creator.getByRole("button", { name: "Set up payouts" }).click();
    await creator.getByRole("heading", { name: "Sandbox Stripe onboarding" }).waitFor();
    await creator.getByLabel("Full name").fill(CREATOR.name);
    await creator.getByLabel("I accept the Stripe Connected Account Agreement (sandbox)").check();
    await creator.getByRole("button", { name: "Complete onboarding" }).click();
    await creator.getByText("You are set up: Stripe can now pay your commissions.").waitFor();
    expect(await creatorRecord()).toMatchObject({ status: "active", payoutsEnabled: true, stripeAccountId: expect.stringMatching(/^acct_/) });

    // The merchant's list says so too.
    await fromAdminNav("Creators", "Creators");
    const row = admin().getByRole("row").filter({ hasText: CREATOR.name });
    await row.getByText("Active").waitFor();
    await row.getByText("Payouts on").waitFor();
  });

  it("the merchant rehearses privately: the encoder connects, the private preview opens on the storefront, the rehearsal ends", STEP, async () => {
    await fromAdminNav("Shows", "Shows");
    const rehearsalId = await scheduleShow(REHEARSAL, shopTime({ minutes: 30 }), "rehearsal", CREATOR.name);
    const room = admin();
    await room.getByRole("button", { name: "Reveal" }).click();
    await expect.poll(() => room.getByLabel("Stream key", { exact: true }).inputValue(), EVENT).toMatch(/^[^•]+$/);
    // OBS, with the key the merchant copied.
    await stack.mux.connectEncoderWithStreamKey(await room.getByLabel("Stream key", { exact: true }).inputValue());
    await stack.mux.webhooks.settled();
    await merchant.reload();
    await room.getByText("You are live").waitFor(EVENT);
    await appHydrated(adminFrame());

    // The private link is made on demand (it works for a day), then opened as the host would.
    await room.getByRole("button", { name: "Create preview link" }).click();
    const [preview] = await Promise.all([merchant.context().waitForEvent("page"), room.getByRole("link", { name: "Open preview" }).click()]);
    const previewErrors = collectPageErrors(preview);
    const block = preview.locator("[data-live-shows-block][data-status=live]");
    await block.getByText("Rehearsal: only you can see this").waitFor(EVENT);
    expect(await block.getByText(REHEARSAL).count()).toBeGreaterThan(0);
    expect(previewErrors).toEqual([]);
    await preview.close();

    // Ending asks first, in a modal that says what happens.
    await room.getByRole("button", { name: "End show" }).click();
    await room.getByRole("dialog", { name: "End the show?" }).getByRole("button", { name: "End show" }).click();
    await room.getByText("You are live").waitFor({ state: "detached", ...EVENT });
    await stack.mux.webhooks.settled();
    expect((await prisma.show.findUniqueOrThrow({ where: { id: rehearsalId } })).status).toMatch(/^(ended|replay_ready)$/);
  });

  it("the show goes live from the creator's stream key; a shopper watches and buys, a second sees the stock fall", { timeout: 120_000 }, async () => {
    // The creator's encoder, with the key from their portal.
    await creator.reload();
    const keyField = creator.getByLabel(`Stream key for ${SHOW}`);
    await creator.locator(".Polaris-Connected", { has: keyField }).getByRole("button", { name: "Reveal" }).click();
    await expect.poll(() => keyField.inputValue(), EVENT).toMatch(/^[^•]+$/);
    await stack.mux.connectEncoderWithStreamKey(await keyField.inputValue());
    await stack.mux.webhooks.settled();
    expect((await prisma.show.findUniqueOrThrow({ where: { id: showId } })).status).toBe("live");

    const second = await shopper();
    await second.shirt.getByText("Only 3 left").waitFor(EVENT);
    const first = await shopper();
    await first.page.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 1, null, { timeout: 45_000 });

    // The host shows the shirt; the merchant pins it from the control room.
    await openAdmin(`/app/shows/${showId}`, SHOW);
    await admin().getByText("You are live").waitFor();
    await admin().getByRole("button", { name: "Pin Linen Shirt" }).click();
    await admin().getByRole("status").getByText("Linen Shirt pinned.").waitFor();
    await expect.poll(() => first.block.getByRole("status").textContent(), EVENT).toBe("Now showing: Linen Shirt");

    await first.shirt.getByLabel("Quantity").fill("2");
    await first.shirt.getByRole("button", { name: "Add to cart" }).click();
    await first.block.getByRole("button", { name: "Cart (2)" }).click();
    await first.block.getByText("2 × Linen Shirt – S").waitFor();
    await first.block.getByRole("link", { name: "Checkout" }).click();
    await first.page.getByRole("button", { name: "Pay now" }).click();
    const orderName = await first.page.locator("[data-order-name]").textContent();
    order = stack.shopify.state.getShop(shop.domain).orders.at(-1)!;
    expect(orderName).toBe(order.name);
    expect(order.lines).toEqual([expect.objectContaining({ title: "Linen Shirt", variantTitle: "S", quantity: 2, properties: [{ name: "_live_show", value: showId }] })]);

    // The other shopper's page, never reloaded, follows Shopify's stock.
    await second.shirt.getByText("Only 1 left").waitFor(EVENT);
    expect(await second.shirt.getByText("Only 3 left").count()).toBe(0);
    await Promise.all([first.page.context().close(), second.page.context().close()]);
    expect(errors.shoppers.flat()).toEqual([]);
  });

  it("the order is attributed: the control room counts it and the creator sees the commission on hold", STEP, async () => {
    await stack.shopify.webhooks.settled();
    const { id: creatorId } = await creatorRecord();
    // 2 × 899.00 SEK at 10 %.
    const [entry] = await prisma.commissionEntry.findMany({ where: { shop: shop.domain } });
    expect(entry).toMatchObject({ kind: "earn", creatorId, showId, orderId: order.id, quantity: 2, amountMinor: 17_980, currency: "SEK", payoutId: null });

    await merchant.reload();
    const figure = (label: string) => admin().locator("dl > div", { hasText: label }).locator("dd").textContent();
    expect(await figure("Orders")).toBe("1");
    expect(await figure("Revenue")).toBe("1798.00 SEK");

    await creator.reload();
    // Earned, clawed back, on hold, ready to pay, being paid, paid.
    expect(await rowText(creator, "179.80 SEK")).toMatch(/SEK\s+179\.80 SEK\s+0\.00 SEK\s+179\.80 SEK\s+0\.00 SEK\s+0\.00 SEK\s+0\.00 SEK/);

    // The show ends; the stream and its recording are done before anyone's clock moves.
    await admin().getByRole("button", { name: "End show" }).click();
    await admin().getByRole("dialog", { name: "End the show?" }).getByRole("button", { name: "End show" }).click();
    await admin().getByText("You are live").waitFor({ state: "detached", ...EVENT });
    await stack.mux.webhooks.settled();
  });

  it("the hold passes: an hour before nothing is payable; after it the merchant pays from the Payouts page and Stripe transfers it", STEP, async () => {
    const entry = await prisma.commissionEntry.findFirstOrThrow({ where: { shop: shop.domain, kind: "earn" } });
    const { commissionHoldDays } = await prisma.shop.findUniqueOrThrow({ where: { domain: shop.domain } });
    expect(commissionHoldDays).toBe(14);
    expect(entry.maturesAt.getTime()).toBe(shifted(new Date(order.createdAt), { days: commissionHoldDays }).getTime());

    clock.moveTo(shifted(entry.maturesAt, { hours: -1 }));
    await clock.appFollows(stack.appUrl);
    await openAdmin("/app/payouts", "Payouts");
    await admin().getByText("Nobody has matured commissions to pay right now.").waitFor();

    clock.moveTo(shifted(entry.maturesAt, { hours: 1 }));
    await clock.appFollows(stack.appUrl);
    await openAdmin("/app/payouts", "Payouts");
    expect(await rowText(admin(), CREATOR.name)).toMatch(/Saga Berg\s+179\.80 SEK/);
    expect(await seriousAccessibilityViolations(adminFrame())).toEqual([]);
    await admin().getByRole("button", { name: "Run payouts now" }).click();
    await admin().getByRole("status").getByText("Sent 179.80 SEK to 1 creator.").waitFor();

    const { stripeAccountId } = await creatorRecord();
    const transfers = [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.destination === stripeAccountId);
    expect(transfers).toEqual([expect.objectContaining({ amount: 17_980, currency: "sek", destination: stripeAccountId })]);
    await stack.stripe.webhooks.settled();
    const payout = await prisma.payout.findFirstOrThrow({ where: { shop: shop.domain } });
    expect(payout).toMatchObject({ status: "paid", amountMinor: 17_980, currency: "SEK", stripeTransferId: transfers[0]!.id });

    await merchant.reload();
    const run = await rowText(admin(), transfers[0]!.id);
    // (A badge's tone is spelled out for screen readers before its label.)
    expect(run).toMatch(/Saga Berg\s+179\.80 SEK\s+(Success\s*)?Paid/);
    expect(unexpected(errors.merchant)).toEqual([]);
  });

  it("two weeks on, the creator signs in again from an emailed link and the statement shows the payout", STEP, async () => {
    await creator.goto(new URL("/creator", stack.appUrl).toString());
    // Portal sessions last 14 days: this one is over.
    await creator.getByRole("heading", { name: "Email me a sign-in link" }).waitFor();
    const askedAt = Date.now();
    await creator.getByLabel("Email").fill(CREATOR.email);
    await creator.getByRole("button", { name: "Send link" }).click();
    await creator.getByRole("status").getByText(`If ${CREATOR.email} hosts shows for a shop, a sign-in link is on its way.`, { exact: false }).waitFor();
    await creator.goto(await signInLinkFor(stack.mail, CREATOR.email, askedAt));
    await creator.getByRole("button", { name: "Sign in" }).click();
    await creator.getByRole("heading", { name: `Hi, ${CREATOR.name}` }).waitFor();
    await creator.getByRole("row").filter({ hasText: /179\.80 SEKPaid$/ }).waitFor();

    await creator.getByRole("link", { name: "Statements" }).click();
    await creator.getByRole("heading", { name: "Statements" }).waitFor();
    const payout = await prisma.payout.findFirstOrThrow({ where: { shop: shop.domain } });
    expect(await rowText(creator, payout.stripeTransferId!)).toMatch(/179\.80 SEK\s+(Success\s*)?Paid/);
    expect(await seriousAccessibilityViolations(creator.mainFrame())).toEqual([]);

    // The earning is in the month the shirts were sold, which may be the month before.
    soldInAnEarlierMonth = shopMonth(new Date(order.createdAt)) !== shopMonth(clock.now());
    if (soldInAnEarlierMonth) await statementMonth("Previous month", shopMonth(new Date(order.createdAt)));
    expect(await rowWithCell(creator, "Earning")).toMatch(new RegExp(`Earning\\s+${SHOW}\\s+\\d+\\s+2\\s+1798\\.00 SEK\\s+10 %\\s+179\\.80 SEK\\s+(Success\\s*)?Paid`));
  });

  it("a refund of one shirt claws its commission back, and the creator's statement and the merchant's creator page show it", STEP, async () => {
    stack.shopify.state.refundOrder(shop.domain, order.id, [{ lineId: order.lines[0]!.id, quantity: 1 }]);
    await stack.shopify.webhooks.settled();
    const clawback = await prisma.commissionEntry.findFirstOrThrow({ where: { shop: shop.domain, kind: "clawback" } });
    expect(clawback).toMatchObject({ amountMinor: -8_990, quantity: 1, currency: "SEK", orderId: order.id, payoutId: null });

    // The creator looks again: this month's statement.
    if (soldInAnEarlierMonth) await statementMonth("Next month", shopMonth(clock.now()));
    else await creator.reload();
    expect(await rowWithCell(creator, "Clawback (refund)")).toMatch(new RegExp(`Clawback \\(refund\\)\\s+${SHOW}\\s+\\d+\\s+1\\s+-899\\.00 SEK\\s+10 %\\s+-89\\.90 SEK`));

    await fromAdminNav("Creators", "Creators");
    await admin().getByRole("link", { name: CREATOR.name }).click();
    await admin().getByRole("heading", { name: CREATOR.name }).waitFor();
    // Earned, clawed back, on hold, ready to pay, being paid, paid: the debt waits for the next earnings.
    expect(await rowText(admin(), "179.80 SEK")).toMatch(/SEK\s+179\.80 SEK\s+-89\.90 SEK\s+0\.00 SEK\s+-89\.90 SEK\s+0\.00 SEK\s+179\.80 SEK/);
    expect(unexpected(errors.merchant)).toEqual([]);
    // (Chromium asks the app for /favicon.ico while it follows Stripe's redirect back.)
    expect(unexpected(errors.creator).filter((error) => !error.includes("/favicon.ico"))).toEqual([]);
  });
});
