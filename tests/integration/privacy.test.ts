// Shopify's compliance webhooks and app/uninstalled, end to end: the sandbox sends them signed as
// Shopify does, the app acts, and the database (and Mux) say what is left. Rows are made the way
// shoppers and merchants make them where a path exists (storefront sign-ups, the admin, the
// webhooks), and written directly for tables whose paths need Stripe or live orders.
import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CapturedMail } from "../sandbox/mail";
import type { SandboxCustomer } from "../sandbox/shopify/state";
import { CUSTOMER_COOKIE } from "../sandbox/shopify/storefront/cookies";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { fromNow, futureWallClock } from "../support/clock";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startStack, type Stack } from "../support/stack";
import type { StorefrontShop } from "../support/storefront-shop";

const MINUTE = 60_000;

let stack: Stack;
let prisma: typeof import("~/db.server").default;
let shops: typeof import("../support/storefront-shop");

beforeAll(async () => {
  stack = await startStack();
  // This process runs a reminder pass as another instance would, through the same mail sandbox.
  process.env.MAIL_URL = stack.mail.url;
  prisma = (await import("~/db.server")).default;
  shops = await import("../support/storefront-shop");
});

afterAll(async () => {
  await stack?.close();
  delete process.env.MAIL_URL;
});

const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.se`;
const asCustomer = (customer: SandboxCustomer) => ({ cookie: `${CUSTOMER_COOKIE}=${customer.id.split("/").pop()}` });
const signIn = (target: StorefrontShop, email: string) => storefrontOf(stack.shopify.state).customers.signIn(target.domain, email);

async function scheduledShow(target: StorefrontShop, title: string, daysAhead: number) {
  const zone = stack.shopify.state.getShop(target.domain).ianaTimezone;
  const show = await shops.createShow(target, { title, products: [target.products.mug], startsAt: futureWallClock(daysAhead, "19:00", zone) });
  const { startsAt } = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
  return { ...show, startsAt, before: (minutes: number) => new Date(startsAt.getTime() - minutes * MINUTE) };
}

/** "Remind me" on the storefront, as a guest (an email) or as a signed-in customer; `confirm` follows the emailed link. */
async function remind(target: StorefrontShop, showId: string, { email, customer, confirm = false }: { email?: string; customer?: SandboxCustomer; confirm?: boolean }) {
  const response = await fetch(target.storefront(`/apps/live/shows/${showId}/reminders`), {
    method: "POST",
    body: JSON.stringify({ email: email ?? "", locale: "en" }),
    headers: { "content-type": "application/json", ...(customer ? asCustomer(customer) : {}) },
  });
  expect(response.status).toBe(201);
  if (confirm && email) {
    const mail = stack.mail.messages.filter((message) => message.to.includes(email)).at(-1);
    const link = new URL(stack.mail.linkIn(mail as CapturedMail));
    link.searchParams.set("shop", target.domain);
    expect((await fetch(link, { method: "POST", body: new URLSearchParams({ token: link.searchParams.get("token") as string }) })).status).toBe(200);
  }
}

/** A chat message as the chat stores it (app/chat/post-message.server.ts): a signed-in customer's carries their id. */
const chat = (shop: string, showId: string, customerId: string | null, body: string) =>
  prisma.chatMessage.create({ data: { shop, showId, customerId, authorName: "Shopper", body } });

async function settled() {
  await stack.shopify.webhooks.settled();
  await stack.mux.webhooks.settled();
}

describe("customers/redact", () => {
  it("removes the customer's reminders by customer id and by email, their chat, their chat bans and their data reports, and nothing of anyone else", async () => {
    const [shop, other] = [await shops.openStorefrontShop(stack), await shops.openStorefrontShop(stack)];
    const [first, second] = [await scheduledShow(shop, "First", 200), await scheduledShow(shop, "Second", 201)];
    const theirs = await scheduledShow(other, "Other shop", 200);
    const email = address("kari");
    const kari = signIn(shop, email);
    const olaEmail = address("ola");
    const ola = signIn(shop, olaEmail);

    // Kari signed in once (the storefront gave no email), and asked as a guest once, by address only.
    await remind(shop, first.id, { customer: kari });
    await remind(shop, second.id, { email, confirm: true });
    const blue = await chat(shop.domain, first.id, kari.id, "Does it come in blue?");
    await prisma.chatBan.create({ data: { shop: shop.domain, showId: null, customerId: kari.id, viewerId: randomUUID(), messageId: blue.id, bannedBy: "merchant" } });
    stack.shopify.state.requestCustomerData(shop.domain, kari);
    // Ola, in the same shop; and the same address in another shop, which asks for its own customers.
    await remind(shop, first.id, { email: olaEmail, customer: ola });
    const hej = await chat(shop.domain, first.id, ola.id, "Hej!");
    await prisma.chatBan.create({ data: { shop: shop.domain, showId: first.id, customerId: ola.id, viewerId: randomUUID(), messageId: hej.id, bannedBy: "merchant" } });
    await remind(other, theirs.id, { email });
    await settled();
    expect(await prisma.customerDataRequest.count({ where: { shop: shop.domain, customerId: kari.id } })).toBe(1);
    const { rateLimitKey } = await import("~/storefront/rate-limit.server");
    const { confirmationsPerEmail } = await import("~/storefront/reminders.server");
    const emailKey = rateLimitKey(confirmationsPerEmail(), email);
    expect(await prisma.rateLimitSlot.count({ where: { key: emailKey } })).toBeGreaterThan(0);
    const before = await prisma.showReminder.findMany({ where: { showId: { in: [first.id, second.id, theirs.id] } }, select: { id: true, shop: true, customerId: true, email: true } });
    expect(before).toHaveLength(4);

    stack.shopify.state.requestCustomerRedact(shop.domain, kari);
    await settled();

    const kept = await prisma.showReminder.findMany({ where: { showId: { in: [first.id, second.id, theirs.id] } }, select: { id: true, shop: true, customerId: true, email: true } });
    expect(kept).toEqual(
      expect.arrayContaining([
        { id: expect.any(String), shop: shop.domain, customerId: ola.id, email: olaEmail },
        { id: expect.any(String), shop: other.domain, customerId: null, email },
      ]),
    );
    expect(kept).toHaveLength(2);
    expect(await prisma.chatMessage.findMany({ where: { shop: shop.domain }, select: { customerId: true } })).toEqual([{ customerId: ola.id }]);
    expect(await prisma.chatBan.findMany({ where: { shop: shop.domain }, select: { customerId: true } })).toEqual([{ customerId: ola.id }]);
    expect(await prisma.customerDataRequest.count({ where: { shop: shop.domain } })).toBe(0);
    expect(await prisma.rateLimitSlot.count({ where: { key: emailKey } })).toBe(0);
  });
});

describe("customers/data_request", () => {
  it("keeps a report of what the app holds for that customer, which the merchant lists in Settings and downloads, and no other shop can", async () => {
    const [shop, other] = [await shops.openStorefrontShop(stack), await shops.openStorefrontShop(stack)];
    const [first, second] = [await scheduledShow(shop, "Knits", 210), await scheduledShow(shop, "Mugs", 211)];
    const email = address("astrid");
    const astrid = signIn(shop, email);
    await remind(shop, first.id, { customer: astrid });
    await remind(shop, second.id, { email, confirm: true });
    const asked = await chat(shop.domain, first.id, astrid.id, "Is the wool local?");
    await prisma.chatBan.create({ data: { shop: shop.domain, showId: first.id, customerId: astrid.id, viewerId: randomUUID(), messageId: asked.id, bannedBy: "merchant" } });
    // Someone else's data, and the same address in another shop: not in this report.
    await remind(shop, first.id, { email: address("someone") });
    await chat(shop.domain, first.id, null, "A guest's question");
    await remind(other, (await scheduledShow(other, "Theirs", 210)).id, { email });

    stack.shopify.state.requestCustomerData(shop.domain, astrid);
    await settled();

    const [request, ...more] = await prisma.customerDataRequest.findMany({ where: { shop: shop.domain } });
    expect(more).toEqual([]);
    expect(request).toMatchObject({ customerId: astrid.id, email });
    const settings = await shop.admin.get("/app/settings");
    expect(settings.status).toBe(200);
    const html = await settings.text();
    expect(html).toContain("Privacy requests");
    expect(html).toContain(email);
    expect(html).toContain("2 show reminders, 1 chat message");

    const download = await shop.admin.get(`/app/privacy-requests/${request?.id}.json`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="data-request-\d+-customer-\d+\.json"$/);
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    const report = (await download.json()) as { shop: string; customer: unknown; data: Record<string, Record<string, unknown>[]> };
    expect(report.shop).toBe(shop.domain);
    expect(report.customer).toEqual({ id: astrid.id, email });
    expect(Object.keys(report.data).sort()).toEqual(["chatBans", "chatMessages", "showReminders"]);
    expect(report.data.chatBans).toEqual([{ showId: first.id, showTitle: "Knits", everyShow: false, bannedAt: expect.any(String) }]);
    expect(report.data.showReminders?.map((reminder) => [reminder.showTitle, reminder.customerId, reminder.email, reminder.confirmedAt === null])).toEqual([
      ["Knits", astrid.id, null, true],
      ["Mugs", null, email, false],
    ]);
    expect(report.data.chatMessages?.map((message) => message.body)).toEqual(["Is the wool local?"]);

    expect((await other.admin.get(`/app/privacy-requests/${request?.id}.json`)).status).toBe(404);
  });
});

describe("shop/redact", () => {
  /** A row in each table that a flow here cannot reach without Stripe or a paid order. */
  async function fillEveryTable(target: StorefrontShop, showId: string) {
    const shop = target.domain;
    const creator = await prisma.creator.create({ data: { shop, email: address("creator"), name: "Creator" } });
    const run = await prisma.payoutRun.create({ data: { shop } });
    const payout = await prisma.payout.create({ data: { shop, runId: run.id, creatorId: creator.id, amountMinor: 100, currency: "SEK", idempotencyKey: randomUUID() } });
    await prisma.commissionEntry.create({
      data: { shop, creatorId: creator.id, showId, orderId: "gid://shopify/Order/1", lineItemId: `gid://shopify/LineItem/${randomUUID()}`, kind: "earn", amountMinor: 100, currency: "SEK", maturesAt: new Date(), payoutId: payout.id },
    });
    await prisma.payoutSkip.create({ data: { shop, runId: run.id, creatorId: creator.id, currency: "SEK", amountMinor: 50, reason: "no_stripe_account" } });
    await prisma.creatorBankPayout.create({ data: { shop, creatorId: creator.id, stripePayoutId: `po_${randomUUID()}`, amountMinor: 100, currency: "SEK", status: "paid" } });
    await prisma.creatorLoginToken.create({ data: { shop, creatorId: creator.id, tokenHash: randomUUID(), expiresAt: fromNow({ hours: 1 }) } });
    await prisma.creatorSession.create({ data: { shop, creatorId: creator.id, tokenHash: randomUUID(), expiresAt: fromNow({ days: 1 }) } });
    await prisma.showDeal.create({ data: { shop, showId, code: "LIVE10", kind: "percentage", value: 1000, startsAt: new Date(), endsAt: fromNow({ hours: 1 }) } });
    await prisma.showEvent.create({ data: { shop, showId, seq: 9999, type: "note" } });
    await prisma.showUsageCharge.create({ data: { shop, showId, idempotencyKey: `privacy-test:${showId}`, amountMinor: 500, currency: "USD" } });
    await prisma.showStats.create({ data: { shop, showId } });
    await prisma.showMinute.create({ data: { shop, showId, minute: 29_000_000, watchSeconds: 60, views: 1 } });
    await prisma.showViewer.create({ data: { shop, showId, viewerId: randomUUID(), firstMinute: 29_000_000 } });
    await prisma.showViewerMinute.create({ data: { shop, showId, minute: 29_000_000, peak: 1 } });
    await prisma.showSale.create({
      data: { shop, showId, orderId: "gid://shopify/Order/1", lineItemId: `gid://shopify/LineItem/${randomUUID()}`, productId: target.products.mug.id, quantity: 1, amountMinor: 100n, currency: "SEK", occurredAt: new Date() },
    });
    await prisma.shopOrder.create({ data: { shop, orderId: "gid://shopify/Order/1", amountMinor: 100n, currency: "SEK", placedAt: new Date() } });
    await prisma.inventoryLevel.create({ data: { shop, inventoryItemId: `gid://shopify/InventoryItem/${randomUUID()}`, locationId: target.store.id, available: 3, sourceUpdatedAt: new Date() } });
    await prisma.variantStock.create({ data: { shop, variantId: `gid://shopify/ProductVariant/${randomUUID()}`, productId: target.products.mug.id, inventoryItemId: `gid://shopify/InventoryItem/${randomUUID()}` } });
    const hello = await chat(shop, showId, null, "Hello");
    await prisma.chatBan.create({ data: { shop, showId, viewerId: randomUUID(), messageId: hello.id, bannedBy: "merchant" } });
  }

  /** Every model, with how it names its shop; a table without one must be named here on purpose. */
  const SHOPLESS = ["Lease", "RateLimitSlot"];
  const models = Prisma.dmmf.datamodel.models.map((model) => ({
    name: model.name,
    column: model.name === "Shop" ? "domain" : model.fields.some((field) => field.name === "shop") ? "shop" : null,
  }));
  const countIn = (model: string, column: string, shop: string) => {
    const delegate = (prisma as unknown as Record<string, { count(args: { where: Record<string, string> }): Promise<number> }>)[model.charAt(0).toLowerCase() + model.slice(1)];
    return (delegate as NonNullable<typeof delegate>).count({ where: { [column]: shop } });
  };
  const rowsPerTable = async (shop: string) =>
    Object.fromEntries(await Promise.all(models.filter((model) => model.column).map(async ({ name, column }) => [name, await countIn(name, column as string, shop)] as const)));

  it("leaves no row of the shop in any table that carries a shop, and every other shop's rows in place", async () => {
    expect(models.filter((model) => !model.column).map((model) => model.name).sort()).toEqual(SHOPLESS);
    const [shop, other] = [await shops.openStorefrontShop(stack), await shops.openStorefrontShop(stack)];
    const show = await scheduledShow(shop, "Everything", 220);
    const kept = await scheduledShow(other, "Stays", 220);
    const customer = signIn(shop, address("gone"));
    await remind(shop, show.id, { email: customer.email, customer, confirm: true });
    await remind(other, kept.id, { email: address("stays") });
    stack.shopify.state.requestCustomerData(shop.domain, customer);
    await fillEveryTable(shop, show.id);
    await settled();
    // Every table holds something of the shop, so the test below shows each one emptied: a new
    // table with a shop fails here until this test writes a row to it too.
    const before = await rowsPerTable(shop.domain);
    expect(Object.entries(before).filter(([, count]) => count === 0).map(([name]) => name)).toEqual([]);
    const othersBefore = await rowsPerTable(other.domain);

    stack.shopify.state.uninstall(shop.domain);
    await settled();
    stack.shopify.state.requestShopRedact(shop.domain);
    await settled();

    expect(Object.entries(await rowsPerTable(shop.domain)).filter(([, count]) => count > 0)).toEqual([]);
    expect(await rowsPerTable(other.domain)).toEqual(othersBefore);
  });
});

describe("app/uninstalled", () => {
  it("is harmless twice; it stops the shop's streams and every job's work for it, and a reinstall starts the streams again", async () => {
    const shop = await shops.openStorefrontShop(stack);
    const upcoming = await scheduledShow(shop, "Still to come", 230);
    const onAir = await shops.createShow(shop, { title: "On air", products: [shop.products.mug] });
    await stack.mux.connectEncoder(onAir.muxLiveStreamId);
    await settled();
    expect((await prisma.show.findUniqueOrThrow({ where: { id: onAir.id } })).status).toBe("live");
    const to = address("fan");
    await remind(shop, upcoming.id, { email: to, confirm: true });
    await prisma.showUsageCharge.create({ data: { shop: shop.domain, showId: upcoming.id, idempotencyKey: `privacy-test:${upcoming.id}`, amountMinor: 500, currency: "USD" } });
    await prisma.shop.update({ where: { domain: shop.domain }, data: { payoutSchedule: "weekly" } });
    const { shopsWithPendingCharges } = await import("~/billing/usage-charges.server");
    const { weeklyPayoutShops } = await import("~/payouts/scheduled.server");
    expect(await shopsWithPendingCharges()).toContain(shop.domain);
    expect(await weeklyPayoutShops()).toContain(shop.domain);

    stack.shopify.state.uninstall(shop.domain);
    await settled();

    const { uninstalledAt } = await prisma.shop.findUniqueOrThrow({ where: { domain: shop.domain } });
    expect(uninstalledAt).not.toBeNull();
    expect(await prisma.session.count({ where: { shop: shop.domain } })).toBe(0);
    // The streams take no encoder; the show on air ended when its stream stopped.
    expect(stack.mux.liveStream(upcoming.muxLiveStreamId)?.status).toBe("disabled");
    expect(stack.mux.liveStream(onAir.muxLiveStreamId)?.status).toBe("disabled");
    expect((await prisma.show.findUniqueOrThrow({ where: { id: onAir.id } })).status).not.toBe("live");
    await expect(stack.mux.connectEncoder(upcoming.muxLiveStreamId)).rejects.toThrow(/disabled/);
    // No job works for the shop: no charge retried, no payout run, no reminder emailed.
    expect(await shopsWithPendingCharges()).not.toContain(shop.domain);
    expect(await weeklyPayoutShops()).not.toContain(shop.domain);
    const { sendDueReminderEmails } = await import("~/storefront/reminder-emails.server");
    const pass = await sendDueReminderEmails({ now: upcoming.before(10) });
    expect(pass.sent.map((entry) => entry.showId)).not.toContain(upcoming.id);
    expect(stack.mail.messages.filter((mail) => mail.to.includes(to)).map((mail) => mail.subject)).toEqual(["Confirm your reminder: Still to come"]);

    // Shopify delivers it again (a new event): answered, and nothing changes.
    const again = await sendShopifyWebhook(stack.appUrl, { topic: "app/uninstalled", shop: shop.domain, body: JSON.stringify({ domain: shop.domain }) });
    expect(again.status).toBe(200);
    expect(again.headers.get("x-duplicate")).toBeNull();
    await settled();
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop.domain } })).uninstalledAt).toEqual(uninstalledAt);
    expect(stack.mux.liveStream(upcoming.muxLiveStreamId)?.status).toBe("disabled");
    expect(await prisma.show.count({ where: { shop: shop.domain } })).toBe(2);

    // The merchant comes back before shop/redact: the show still to come can go live again.
    expect((await shop.admin.get("/app")).status).toBeLessThan(400);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop.domain } })).uninstalledAt).toBeNull();
    expect(stack.mux.liveStream(upcoming.muxLiveStreamId)?.status).not.toBe("disabled");
    expect(stack.mux.liveStream(onAir.muxLiveStreamId)?.status).toBe("disabled");
  });
});
