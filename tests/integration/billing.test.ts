// The app's own charge to the merchant, through the running app and the Shopify and Mux
// sandboxes: a public show needs a plan to go on air (a rehearsal does not), the plan is
// approved on Shopify's confirmation page, and each public show that goes live is charged
// 5.00 USD once, whatever Mux redelivers or Shopify fails to answer.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { PLAN, usageChargeKey } from "../../app/shopify/app-plan";
import { sandboxMux } from "../sandbox/config";
import { muxSignatureHeader } from "../sandbox/mux";
import type { AppPlanInput } from "../sandbox/shopify/billing";
import { adminClient, type AdminClient } from "../support/admin-client";
import { ACCEPTED_APP_PLAN } from "../support/app-plan";
import { startStack, type Stack } from "../support/stack";
import { wallClock } from "../support/clock";
import { adminDateLabel, createShowThroughAdmin } from "../support/show-form";

const CRON_SECRET = "billing-test-cron-secret";
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: false, env: { CRON_SECRET } });
});

afterAll(async () => {
  await stack?.close();
});

interface BillingShop {
  domain: string;
  admin: AdminClient;
  productId: string;
}

/** A shop of its own with one product and the app opened (installed); `plan` is what its merchant accepted at install. */
async function openShop(label: string, plan: AppPlanInput | null): Promise<BillingShop> {
  const domain = `${label}-${randomUUID().slice(0, 8)}.myshopify.com`;
  const state = stack.shopify.state;
  const shop = state.createShop({ domain, name: `${label} shop` }, { acceptedPlan: plan });
  const product = state.addProduct(domain, {
    handle: "wool-scarf",
    title: "Wool Scarf",
    imageUrl: `${stack.shopify.url}/cdn/products/wool-scarf.svg`,
    options: [{ name: "Title", values: ["Default Title"] }],
    variants: [{ optionValues: ["Default Title"], sku: "SCARF", price: 49900, stock: { [shop.locations[0]!.id]: 5 } }],
  });
  const admin = adminClient(stack.appUrl, stack.shopify, domain);
  expect((await admin.get("/app")).status).toBeLessThan(400);
  return { domain, admin, productId: product.id };
}

async function createShow(shop: BillingShop, title: string, mode: "public" | "rehearsal" = "public") {
  const product = stack.shopify.state.findProduct(shop.domain, shop.productId)!;
  const id = await createShowThroughAdmin(shop.admin, [product], { title, hostName: "Astrid", mode });
  return prisma.show.findFirstOrThrow({ where: { id, shop: shop.domain } });
}

async function goLive(show: { muxLiveStreamId: string | null }) {
  await stack.mux.connectEncoder(show.muxLiveStreamId!);
  await stack.mux.webhooks.settled();
}

async function page(shop: BillingShop, path: string): Promise<string> {
  const response = await shop.admin.get(path);
  expect(response.status).toBe(200);
  return response.text();
}

/** The usage records Shopify holds for the shop's active plan. */
function usageRecords(shop: BillingShop) {
  const [subscription] = stack.shopify.state.billing.active(shop.domain);
  const lineItem = subscription?.lineItems.find((item) => item.kind === "usage");
  return lineItem?.kind === "usage" ? lineItem.records : [];
}

function signedMuxEvent(body: string) {
  return fetch(`${stack.appUrl}/webhooks/mux`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "mux-signature": muxSignatureHeader(body, sandboxMux.webhookSecret) },
  });
}

async function statusOf(showId: string) {
  return (await prisma.show.findUniqueOrThrow({ where: { id: showId } })).status;
}

describe("a shop without a plan", () => {
  it("is told in the control room, keeps a public show off air when the encoder connects, and rehearses for free", async () => {
    const shop = await openShop("no-plan", null);
    const show = await createShow(shop, "Scarves in public");
    const before = await page(shop, `/app/shows/${show.id}`);
    expect(before).toContain("Choose a plan before you go live");
    expect(before).toContain('href="/app/plan"');

    await goLive(show);
    const held = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
    expect(held).toMatchObject({ status: "scheduled", wentLiveAt: null });
    expect(held.planHoldAt).not.toBeNull();
    expect(await page(shop, `/app/shows/${show.id}`)).toContain("Your encoder is connected, but shoppers can’t see you");

    const rehearsal = await createShow(shop, "Scarves rehearsal", "rehearsal");
    expect(await page(shop, `/app/shows/${rehearsal.id}`)).not.toContain("Choose a plan");
    await goLive(rehearsal);
    expect(await statusOf(rehearsal.id)).toBe("live");
    expect(await prisma.showUsageCharge.count({ where: { shop: shop.domain } })).toBe(0);
    expect(stack.shopify.state.billing.ofShop(shop.domain)).toEqual([]);
    await stack.mux.disconnectEncoder(rehearsal.muxLiveStreamId!, { immediate: true });
  });
});

describe("choosing a plan", () => {
  it("leaves the iframe for Shopify's confirmation page; approving makes the plan active and puts the waiting show on air, charged once", async () => {
    const shop = await openShop("chooser", null);
    const show = await createShow(shop, "Waiting for a plan");
    await goLive(show);
    expect(await statusOf(show.id)).toBe("scheduled");
    expect(await page(shop, "/app/plan")).toContain("Choose plan");

    // App Bridge's fetch carries the session token, so the library answers with the URL to open in the top window.
    const choose = await shop.admin.post("/app/plan", { intent: "choose" });
    expect(choose.status).toBe(401);
    const confirmationUrl = choose.headers.get("x-shopify-api-request-failure-reauthorize-url") ?? "";
    expect(confirmationUrl.startsWith(stack.shopify.url)).toBe(true);
    const [pending] = stack.shopify.state.billing.ofShop(shop.domain);
    expect(pending).toMatchObject({ name: PLAN.name, status: "PENDING", test: true, trialDays: PLAN.trialDays, currency: "USD" });
    expect(pending?.lineItems).toEqual([
      expect.objectContaining({ kind: "recurring", price: 2900, interval: "EVERY_30_DAYS" }),
      expect.objectContaining({ kind: "usage", cappedAmount: 20000 }),
    ]);

    const confirmation = await (await fetch(confirmationUrl)).text();
    expect(confirmation).toContain("29.00 USD every 30 days");
    const approved = await fetch(confirmationUrl, { method: "POST", body: new URLSearchParams({ decision: "approve" }), redirect: "manual" });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(`${stack.shopify.url}/admin/apps/live-shows/app/plan`);
    const chargeId = back.searchParams.get("charge_id");
    expect(chargeId).toMatch(/^\d+$/);
    // The admin opens the app's plan page in its iframe, charge_id passed through.
    expect(await (await fetch(back)).text()).toContain(`charge_id=${chargeId}`);

    const returned = await page(shop, `/app/plan?charge_id=${chargeId}`);
    expect(returned).toContain("Your plan is active");
    expect(returned).toContain("Free trial: 14 days left.");
    // The period's end, written by the loader on the shop's calendar (not the server's, not the browser's).
    const [subscription] = stack.shopify.state.billing.active(shop.domain);
    const periodEnd = new Date(stack.shopify.state.billing.currentPeriodEnd(subscription!)!);
    expect(returned).toContain(`This period ends ${adminDateLabel(wallClock(periodEnd, stack.shopify.state.getShop(shop.domain).ianaTimezone).slice(0, 10))}.`);
    expect(returned).toContain("1 show aired, 5.00 USD of 200.00 USD");
    expect(await statusOf(show.id)).toBe("live");
    expect(usageRecords(shop)).toEqual([expect.objectContaining({ price: PLAN.perShowMinor, idempotencyKey: usageChargeKey(show.id) })]);
    await stack.mux.disconnectEncoder(show.muxLiveStreamId!, { immediate: true });
  });

  it("says so when the merchant declines, and public shows still cannot go live", async () => {
    const shop = await openShop("decliner", null);
    const confirmationUrl = (await shop.admin.post("/app/plan", { intent: "choose" })).headers.get("x-shopify-api-request-failure-reauthorize-url") ?? "";
    const declined = await fetch(confirmationUrl, { method: "POST", body: new URLSearchParams({ decision: "decline" }), redirect: "manual" });
    const chargeId = new URL(declined.headers.get("location") ?? "").searchParams.get("charge_id");
    const returned = await page(shop, `/app/plan?charge_id=${chargeId}`);
    expect(returned).toContain("The plan was not approved");
    expect(returned).toContain("Choose plan");
  });
});

describe("usage charges", () => {
  it("charges exactly one 5.00 USD usage record per show, however often it goes live or Mux redelivers", async () => {
    const shop = await openShop("repeat", ACCEPTED_APP_PLAN);
    const show = await createShow(shop, "Live twice");
    await goLive(show);
    expect(await statusOf(show.id)).toBe("live");

    const active = JSON.stringify({ id: randomUUID(), type: "video.live_stream.active", created_at: new Date().toISOString(), data: { id: show.muxLiveStreamId } });
    expect((await signedMuxEvent(active)).status).toBe(200);
    expect((await signedMuxEvent(active)).headers.get("x-duplicate")).toBe("1");
    const again = JSON.stringify({ id: randomUUID(), type: "video.live_stream.active", created_at: new Date().toISOString(), data: { id: show.muxLiveStreamId } });
    expect((await signedMuxEvent(again)).status).toBe(200);

    expect(usageRecords(shop)).toEqual([expect.objectContaining({ price: 500, description: "Live show: Live twice", idempotencyKey: usageChargeKey(show.id) })]);
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: show.id } })).toMatchObject({ status: "charged", amountMinor: 500, currency: "USD" });
    await stack.mux.disconnectEncoder(show.muxLiveStreamId!, { immediate: true });
  });

  it("keeps a charge Shopify did not confirm and retries it later with the same key: charged once", async () => {
    const shop = await openShop("flaky", ACCEPTED_APP_PLAN);
    // Shopify charges, then the answer is lost: the retry must be answered, not charged again.
    stack.shopify.state.billing.failNextUsageRecords(1, "after");
    const lost = await createShow(shop, "Answer lost");
    await goLive(lost);
    expect(await statusOf(lost.id)).toBe("live");
    const pending = await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: lost.id } });
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending.lastError).toMatch(/Internal error/);
    expect(usageRecords(shop)).toHaveLength(1);

    // Opening the plan page settles what is pending.
    expect(await page(shop, "/app/plan")).toContain("1 show aired, 5.00 USD of 200.00 USD");
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: lost.id } })).toMatchObject({ status: "charged" });
    expect(usageRecords(shop)).toHaveLength(1);

    // Shopify fails before charging: the scheduler's pass sends it again.
    stack.shopify.state.billing.failNextUsageRecords(1, "before");
    const failed = await createShow(shop, "Shopify down");
    await goLive(failed);
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: failed.id } })).toMatchObject({ status: "pending" });
    expect(usageRecords(shop)).toHaveLength(1);
    const pass = await fetch(`${stack.appUrl}/jobs/usage-charges`, { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(await pass.json()).toMatchObject({ ran: true, shops: expect.arrayContaining([shop.domain]) });
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: failed.id } })).toMatchObject({ status: "charged" });
    expect(usageRecords(shop).map((record) => record.idempotencyKey)).toEqual([usageChargeKey(lost.id), usageChargeKey(failed.id)]);
    await stack.mux.disconnectEncoder(lost.muxLiveStreamId!, { immediate: true });
    await stack.mux.disconnectEncoder(failed.muxLiveStreamId!, { immediate: true });
  });

  it("keeps a charge Shopify made when a slower settling run then hears the plan is gone", async () => {
    const shop = await openShop("race", ACCEPTED_APP_PLAN);
    stack.shopify.state.billing.failNextUsageRecords(1, "before");
    const show = await createShow(shop, "Settled twice");
    await goLive(show);
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: show.id } })).toMatchObject({ status: "pending" });

    // The scheduler's run reads the pending charge, then waits for Shopify to name the plan...
    const held = stack.shopify.state.holds.holdNext("activeSubscriptions", shop.domain);
    const slow = fetch(`${stack.appUrl}/jobs/usage-charges`, { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } });
    await held.reached;
    // ...while the plan page settles it.
    await page(shop, "/app/plan");
    const charged = await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: show.id } });
    expect(charged).toMatchObject({ status: "charged", usageRecordId: expect.any(String) });

    // The merchant cancels the plan, so the held run hears there is none: it must not undo the charge.
    stack.shopify.state.billing.cancel(shop.domain, stack.shopify.state.billing.active(shop.domain)[0]!.id);
    held.release();
    expect((await slow).status).toBe(200);
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: show.id } })).toMatchObject({
      status: "charged",
      usageRecordId: charged.usageRecordId,
      settledAt: charged.settledAt,
    });
    await stack.mux.disconnectEncoder(show.muxLiveStreamId!, { immediate: true });
  });

  it("puts a show on air past the cap without charging it, and the plan page says the cap is reached", async () => {
    const shop = await openShop("capped", ACCEPTED_APP_PLAN);
    const [subscription] = stack.shopify.state.billing.active(shop.domain);
    const lineItem = subscription!.lineItems.find((item) => item.kind === "usage")!;
    stack.shopify.state.billing.createUsageRecord(shop.domain, { lineItemId: lineItem.id, description: "Earlier shows", price: 19500, currency: "USD" });

    const last = await createShow(shop, "Reaches the cap");
    await goLive(last);
    const over = await createShow(shop, "Past the cap");
    await goLive(over);
    expect(await statusOf(over.id)).toBe("live");
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: last.id } })).toMatchObject({ status: "charged" });
    expect(await prisma.showUsageCharge.findUniqueOrThrow({ where: { showId: over.id } })).toMatchObject({ status: "capped" });
    expect(usageRecords(shop).map((record) => record.price)).toEqual([19500, 500]);

    const html = await page(shop, "/app/plan");
    expect(html).toContain("2 shows aired, 200.00 USD of 200.00 USD");
    expect(html).toContain("Usage cap reached");
    expect(html).toContain("Your shows still go live");
    await stack.mux.disconnectEncoder(last.muxLiveStreamId!, { immediate: true });
    await stack.mux.disconnectEncoder(over.muxLiveStreamId!, { immediate: true });
  });
});

describe("one shop's plan", () => {
  it("is neither shown to nor cancelled by another shop", async () => {
    const mine = await openShop("mine", ACCEPTED_APP_PLAN);
    const theirs = await openShop("theirs", ACCEPTED_APP_PLAN);
    const myId = stack.shopify.state.billing.active(mine.domain)[0]!.id;
    const theirId = stack.shopify.state.billing.active(theirs.domain)[0]!.id;

    const myPage = await page(mine, "/app/plan");
    expect(myPage).toContain(myId);
    expect(myPage).not.toContain(theirId);

    const refused = await mine.admin.post("/app/plan", { intent: "cancel", subscriptionId: theirId });
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain("That plan is not active in your shop");
    expect(stack.shopify.state.billing.active(theirs.domain)).toHaveLength(1);

    const cancelled = await mine.admin.post("/app/plan", { intent: "cancel", subscriptionId: myId });
    expect(await cancelled.text()).toContain("Your plan is cancelled");
    expect(stack.shopify.state.billing.active(mine.domain)).toEqual([]);
    expect(stack.shopify.state.billing.active(theirs.domain)).toHaveLength(1);
    expect(await page(mine, "/app/plan")).toContain("Choose plan");
  });
});
