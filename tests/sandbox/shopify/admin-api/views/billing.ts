// The app's installation and its subscriptions (AppInstallation, AppSubscription, line items,
// usage records) for the Admin schema, and the confirmation URL Shopify answers a new
// subscription with: a page on the emulator itself, signed so it cannot be guessed.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SandboxAppSubscription, SandboxSubscriptionLineItem, SandboxUsageRecord } from "../../billing";
import { derivedGid, numericIdOf } from "../../ids";
import { NotImplementedError } from "../strict-resolver";
import { connection } from "../connection";
import type { AdminContext } from "../context";
import { moneyV2 } from "../money-fields";
import { connectionArgs } from "./catalog";

type Args = Record<string, unknown>;
type UsageLineItem = Extract<SandboxSubscriptionLineItem, { kind: "usage" }>;

export const CONFIRMATION_PATH = "/admin/charges/:chargeId/RecurringApplicationCharge/confirm_recurring_application_charge";

export function chargeSignature(apiSecret: string, shop: string, subscriptionId: string): string {
  return createHmac("sha256", apiSecret).update(`${shop}:${numericIdOf(subscriptionId)}`).digest("base64url");
}

export function isChargeSignature(apiSecret: string, shop: string, subscriptionId: string, signature: string): boolean {
  const expected = Buffer.from(chargeSignature(apiSecret, shop, subscriptionId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function confirmationUrl(context: AdminContext, subscription: SandboxAppSubscription): string {
  const url = new URL(CONFIRMATION_PATH.replace(":chargeId", numericIdOf(subscription.id)), context.url);
  url.searchParams.set("shop", context.shop.domain);
  url.searchParams.set("signature", chargeSignature(context.apiSecret, context.shop.domain, subscription.id));
  return url.toString();
}

export function appInstallationView(context: AdminContext) {
  const { state, shop } = context;
  const all = () => state.billing.ofShop(shop.domain);
  return {
    __typename: "AppInstallation",
    id: derivedGid("AppInstallation", numericIdOf(shop.id)),
    activeSubscriptions: async () => {
      await state.holds.pass("activeSubscriptions", shop.domain);
      return state.billing.active(shop.domain).map((subscription) => appSubscriptionView(context, subscription));
    },
    allSubscriptions: (args: Args) => {
      if (args.sortKey !== undefined && args.sortKey !== null && args.sortKey !== "CREATED_AT" && args.sortKey !== "ID") {
        throw new NotImplementedError(`allSubscriptions(sortKey: ${String(args.sortKey)})`);
      }
      return connection(all(), connectionArgs(args), (subscription) => subscription.id, (subscription) => appSubscriptionView(context, subscription));
    },
    // The sandbox sells no one-time purchases: the list is always empty.
    oneTimePurchases: (args: Args) => connection([], connectionArgs(args), () => "", () => ({})),
  };
}

export function appSubscriptionView(context: AdminContext, subscription: SandboxAppSubscription) {
  return {
    __typename: "AppSubscription",
    id: subscription.id,
    name: subscription.name,
    status: subscription.status,
    test: subscription.test,
    trialDays: subscription.trialDays,
    createdAt: subscription.createdAt,
    returnUrl: subscription.returnUrl,
    currentPeriodEnd: context.state.billing.currentPeriodEnd(subscription),
    lineItems: subscription.lineItems.map((lineItem) => lineItemView(context, subscription, lineItem)),
  };
}

function lineItemView(context: AdminContext, subscription: SandboxAppSubscription, lineItem: SandboxSubscriptionLineItem) {
  const records = lineItem.kind === "usage" ? lineItem.records : [];
  return {
    __typename: "AppSubscriptionLineItem",
    id: lineItem.id,
    plan: { __typename: "AppPlanV2", pricingDetails: pricingDetailsView(context, subscription, lineItem) },
    usageRecords: (args: Args) =>
      connection(records, connectionArgs(args), (record) => record.id, (record) => usageRecordView(context, subscription, lineItem as UsageLineItem, record)),
  };
}

function pricingDetailsView(context: AdminContext, subscription: SandboxAppSubscription, lineItem: SandboxSubscriptionLineItem) {
  const { currency } = subscription;
  if (lineItem.kind === "recurring") {
    return { __typename: "AppRecurringPricing", price: moneyV2(lineItem.price, currency), interval: lineItem.interval, discount: null, planHandle: null };
  }
  return {
    __typename: "AppUsagePricing",
    balanceUsed: moneyV2(context.state.billing.balanceUsed(subscription, lineItem), currency),
    cappedAmount: moneyV2(lineItem.cappedAmount, currency),
    terms: lineItem.terms,
    interval: "EVERY_30_DAYS",
  };
}

export function usageRecordView(context: AdminContext, subscription: SandboxAppSubscription, lineItem: UsageLineItem, record: SandboxUsageRecord) {
  return {
    __typename: "AppUsageRecord",
    id: record.id,
    description: record.description,
    idempotencyKey: record.idempotencyKey,
    createdAt: record.createdAt,
    price: moneyV2(record.price, subscription.currency),
    subscriptionLineItem: () => lineItemView(context, subscription, lineItem),
  };
}
