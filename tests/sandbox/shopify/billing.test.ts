// The Billing API as the app's library uses it: @shopify/shopify-api's billing.request, check,
// cancel and createUsageRecord send their own documents to the emulator, and the merchant answers
// on the emulator's confirmation page. Usage records are also sent with an idempotency key, as
// the app sends them.
import { BillingError, BillingInterval, Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeShopsToSandbox } from "../../../app/shopify/sandbox-dispatcher.server";
import { sandboxShopify } from "../config";
import type { AppPlanInput } from "./billing";
import { startShopifyEmulator, type ShopifyEmulator } from "./index";
import { testShopifyApi } from "./testing";

const PLAN = "Live Shows";
const shopify = testShopifyApi({
  billing: {
    [PLAN]: {
      trialDays: 14,
      lineItems: [
        { amount: 29, currencyCode: "USD", interval: BillingInterval.Every30Days },
        { amount: 200, currencyCode: "USD", interval: BillingInterval.Usage, terms: "5.00 USD for each show that goes live" },
      ],
    },
  },
});
const SMALL_PLAN: AppPlanInput = { name: PLAN, test: true, currency: "USD", recurring: { price: 2900 }, usage: { cappedAmount: 1000, terms: "5.00 USD a show" } };

let emulator: ShopifyEmulator;
let counter = 0;

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9" });
  routeShopsToSandbox(emulator.url);
});

afterAll(async () => {
  await emulator?.close();
});

/** A shop of its own with an offline session, and whatever plan the test gives it. */
function openShop(acceptedPlan: AppPlanInput | null = null): { shop: string; session: Session } {
  const shop = `billing-${++counter}.myshopify.com`;
  emulator.state.createShop({ domain: shop }, { acceptedPlan });
  const issued = emulator.tokens.issue({ shop, scope: "read_products", online: false, expiring: false });
  return { shop, session: new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: issued.accessToken, scope: "read_products" }) };
}

async function graphql<T>(session: Session, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await new shopify.clients.Graphql({ session }).request<T>(query, { variables });
  return response.data as T;
}

interface UsageRecordAnswer {
  appUsageRecordCreate: { appUsageRecord: { id: string; idempotencyKey: string | null } | null; userErrors: { field: string[] | null; message: string }[] };
}

const USAGE_RECORD = `mutation ($id: ID!, $price: MoneyInput!, $description: String!, $key: String) {
  appUsageRecordCreate(subscriptionLineItemId: $id, price: $price, description: $description, idempotencyKey: $key) {
    appUsageRecord { id idempotencyKey }
    userErrors { field message }
  }
}`;

function usageRecord(session: Session, lineItemId: string, { amount = "5.00", currencyCode = "USD", key }: { amount?: string; currencyCode?: string; key?: string }) {
  return graphql<UsageRecordAnswer>(session, USAGE_RECORD, { id: lineItemId, price: { amount, currencyCode }, description: "Live show", key: key ?? null });
}

function usageLineItem(shop: string) {
  const [subscription] = emulator.state.billing.active(shop);
  const lineItem = subscription?.lineItems.find((item) => item.kind === "usage");
  if (!subscription || !lineItem || lineItem.kind !== "usage") throw new Error(`${shop} has no active usage line item`);
  return { subscription, lineItem };
}

async function checkPlan(session: Session) {
  return shopify.billing.check({ session, plans: [PLAN], isTest: true, returnObject: true });
}

describe("appSubscriptionCreate and the confirmation page", () => {
  it("creates a pending subscription whose confirmation page, once approved, makes it active and returns with charge_id", async () => {
    const { shop, session } = openShop();
    const returnUrl = "https://live-shows.example.com/app/plan";
    const created = await shopify.billing.request({ session, plan: PLAN, isTest: true, returnUrl, returnObject: true });
    const subscriptionId = created.appSubscription?.id ?? "";
    expect(created.appSubscription).toMatchObject({ name: PLAN, status: "PENDING", test: true, trialDays: 14 });
    const confirmation = new URL(created.confirmationUrl);
    expect(confirmation.origin).toBe(emulator.url);
    expect((await checkPlan(session)).hasActivePayment).toBe(false);

    const page = await (await fetch(confirmation)).text();
    expect(page).toContain("29.00 USD every 30 days");
    expect(page).toContain("Usage charges up to 200.00 USD every 30 days: 5.00 USD for each show that goes live");
    expect(page).toContain("Free trial: 14 days");

    const approved = await fetch(confirmation, { method: "POST", body: new URLSearchParams({ decision: "approve" }), redirect: "manual" });
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(returnUrl);
    expect(back.searchParams.get("charge_id")).toBe(subscriptionId.split("/").pop());

    const payments = await checkPlan(session);
    expect(payments.hasActivePayment).toBe(true);
    const [subscription] = payments.appSubscriptions;
    expect(subscription).toMatchObject({ id: subscriptionId, status: "ACTIVE", test: true, trialDays: 14, returnUrl });
    expect(subscription?.currentPeriodEnd).toBeTruthy();
    expect(subscription?.lineItems.map((item) => item.plan.pricingDetails)).toEqual([
      expect.objectContaining({ price: { amount: 29, currencyCode: "USD" }, interval: "EVERY_30_DAYS" }),
      expect.objectContaining({ balanceUsed: { amount: 0, currencyCode: "USD" }, cappedAmount: { amount: 200, currencyCode: "USD" }, terms: "5.00 USD for each show that goes live" }),
    ]);
    expect(emulator.state.billing.active(shop)).toHaveLength(1);
  });

  it("sends an embedded app's return URL on admin.shopify.com to the emulator's admin shell", async () => {
    const { shop, session } = openShop();
    const confirmationUrl = await shopify.billing.request({ session, plan: PLAN, isTest: true, returnUrl: `https://admin.shopify.com/store/${shop.split(".")[0]}/apps/live-shows/app/plan` });
    const approved = await fetch(confirmationUrl, { method: "POST", body: new URLSearchParams({ decision: "approve" }), redirect: "manual" });
    const back = new URL(approved.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(`${emulator.url}/admin/apps/live-shows/app/plan`);
    expect(back.searchParams.get("shop")).toBe(shop);
    expect(back.searchParams.get("charge_id")).toMatch(/^\d+$/);
  });

  it("declines: the subscription never becomes active and the page cannot be answered twice", async () => {
    const { session } = openShop();
    const confirmationUrl = await shopify.billing.request({ session, plan: PLAN, isTest: true, returnUrl: "https://live-shows.example.com/app/plan" });
    const declined = await fetch(confirmationUrl, { method: "POST", body: new URLSearchParams({ decision: "decline" }), redirect: "manual" });
    expect(declined.status).toBe(302);
    expect(new URL(declined.headers.get("location") ?? "").searchParams.get("charge_id")).toMatch(/^\d+$/);
    expect((await checkPlan(session)).hasActivePayment).toBe(false);
    const again = await fetch(confirmationUrl, { method: "POST", body: new URLSearchParams({ decision: "approve" }), redirect: "manual" });
    expect(again.status).toBe(409);
    expect((await checkPlan(session)).hasActivePayment).toBe(false);
  });

  it("answers 404 to a confirmation link with a forged signature", async () => {
    const { session } = openShop();
    const confirmationUrl = new URL(await shopify.billing.request({ session, plan: PLAN, isTest: true, returnUrl: "https://live-shows.example.com/" }));
    confirmationUrl.searchParams.set("signature", "forged");
    expect((await fetch(confirmationUrl, { method: "POST", body: new URLSearchParams({ decision: "approve" }), redirect: "manual" })).status).toBe(404);
  });

  it("refuses line items it cannot bill, with Shopify's user errors", async () => {
    const { session } = openShop();
    const answer = await graphql<{ appSubscriptionCreate: { confirmationUrl: string | null; userErrors: { field: string[]; message: string }[] } }>(
      session,
      `mutation ($lineItems: [AppSubscriptionLineItemInput!]!) {
        appSubscriptionCreate(name: "Mixed", returnUrl: "https://live-shows.example.com/", lineItems: $lineItems) { confirmationUrl userErrors { field message } }
      }`,
      {
        lineItems: [
          { plan: { appRecurringPricingDetails: { price: { amount: "29.00", currencyCode: "USD" } } } },
          { plan: { appUsagePricingDetails: { cappedAmount: { amount: "200.00", currencyCode: "EUR" }, terms: "" } } },
        ],
      },
    );
    expect(answer.appSubscriptionCreate.confirmationUrl).toBeNull();
    expect(answer.appSubscriptionCreate.userErrors.map((error) => error.message)).toEqual(["Terms can't be blank", "All line items must have the same currency"]);
  });
});

describe("appUsageRecordCreate", () => {
  it("charges once per idempotency key: the same key answers the same record", async () => {
    const { shop, session } = openShop(SMALL_PLAN);
    const { subscription, lineItem } = usageLineItem(shop);
    const first = await usageRecord(session, lineItem.id, { key: "live-show:1" });
    const again = await usageRecord(session, lineItem.id, { key: "live-show:1" });
    expect(first.appUsageRecordCreate.userErrors).toEqual([]);
    expect(again.appUsageRecordCreate.appUsageRecord).toEqual(first.appUsageRecordCreate.appUsageRecord);
    expect(first.appUsageRecordCreate.appUsageRecord?.idempotencyKey).toBe("live-show:1");
    expect(emulator.state.billing.balanceUsed(subscription, lineItem)).toBe(500);

    const usage = (await checkPlan(session)).appSubscriptions[0]?.lineItems[1]?.plan.pricingDetails;
    expect(usage).toMatchObject({ balanceUsed: { amount: 5, currencyCode: "USD" } });
  });

  it("refuses a charge past the capped amount, and one in another currency", async () => {
    const { shop, session } = openShop(SMALL_PLAN);
    const { subscription, lineItem } = usageLineItem(shop);
    expect((await usageRecord(session, lineItem.id, { amount: "10.00", key: "a" })).appUsageRecordCreate.userErrors).toEqual([]);
    const over = await usageRecord(session, lineItem.id, { amount: "0.01", key: "b" });
    expect(over.appUsageRecordCreate).toEqual({ appUsageRecord: null, userErrors: [{ field: ["price"], message: "Total price exceeds balance remaining" }] });
    const euros = await usageRecord(session, lineItem.id, { currencyCode: "EUR", key: "c" });
    expect(euros.appUsageRecordCreate.userErrors[0]?.message).toMatch(/currency must be the same as the subscription's \(USD\)/);
    expect(emulator.state.billing.balanceUsed(subscription, lineItem)).toBe(1000);
  });

  it("loses the answer but keeps the charge when told to fail after acting: the retry with the same key is answered, not charged again", async () => {
    const { shop, session } = openShop(SMALL_PLAN);
    const { subscription, lineItem } = usageLineItem(shop);
    emulator.state.billing.failNextUsageRecords(1, "after");
    await expect(usageRecord(session, lineItem.id, { key: "live-show:lost" })).rejects.toThrow(/Internal error/);
    expect(emulator.state.billing.balanceUsed(subscription, lineItem)).toBe(500);
    const retried = await usageRecord(session, lineItem.id, { key: "live-show:lost" });
    expect(retried.appUsageRecordCreate.appUsageRecord?.idempotencyKey).toBe("live-show:lost");
    expect(emulator.state.billing.balanceUsed(subscription, lineItem)).toBe(500);
  });

  it("accepts shopify-api's createUsageRecord, which sends no idempotency key (so the app sends its own document)", async () => {
    const { shop, session } = openShop(SMALL_PLAN);
    const { subscription, lineItem } = usageLineItem(shop);
    const record = await shopify.billing.createUsageRecord({ session, description: "Live show", price: { amount: 5, currencyCode: "USD" }, idempotencyKey: "ignored", isTest: true });
    expect(record).toMatchObject({ description: "Live show", idempotencyKey: null, price: { currencyCode: "USD" } });
    expect(emulator.state.billing.balanceUsed(subscription, lineItem)).toBe(500);
  });
});

describe("appSubscriptionCancel", () => {
  it("cancels the shop's own subscription and refuses another shop's", async () => {
    const mine = openShop(SMALL_PLAN);
    const theirs = openShop(SMALL_PLAN);
    const theirId = usageLineItem(theirs.shop).subscription.id;
    await expect(shopify.billing.cancel({ session: mine.session, subscriptionId: theirId, isTest: true, prorate: true })).rejects.toThrow(BillingError);
    expect(emulator.state.billing.active(theirs.shop)).toHaveLength(1);

    const myId = usageLineItem(mine.shop).subscription.id;
    const cancelled = await shopify.billing.cancel({ session: mine.session, subscriptionId: myId, isTest: true, prorate: true });
    expect(cancelled).toMatchObject({ id: myId, status: "CANCELLED" });
    expect((await checkPlan(mine.session)).hasActivePayment).toBe(false);
    await expect(shopify.billing.cancel({ session: mine.session, subscriptionId: myId, isTest: true, prorate: true })).rejects.toThrow(BillingError);
  });

  it("uninstalling leaves every subscription of the shop cancelled", () => {
    const { shop } = openShop(SMALL_PLAN);
    const [subscription] = emulator.state.billing.active(shop);
    emulator.state.uninstall(shop);
    expect(emulator.state.billing.active(shop)).toEqual([]);
    expect(subscription?.status).toBe("CANCELLED");
  });

  it("gives new shops the accepted plan unless a shop opts out", () => {
    const withPlan = `${sandboxShopify.shopDomain.split(".")[0]}-accepted.myshopify.com`;
    emulator.state.createShop({ domain: withPlan }, { acceptedPlan: SMALL_PLAN });
    expect(emulator.state.billing.active(withPlan)).toEqual([expect.objectContaining({ status: "ACTIVE", name: PLAN })]);
    const { shop } = openShop(null);
    expect(emulator.state.billing.ofShop(shop)).toEqual([]);
  });
});
