import { formatMoney } from "~/lib/money";

/**
 * The app's one plan, as shopify.server.ts declares it to Shopify's Billing API and the merchant
 * approves it in Shopify (it sits with the Shopify adapter, below billing, for that reason): a recurring fee, and a usage
 * charge for each public show that goes live (a rehearsal is free), capped per 30-day period.
 * Amounts are integer minor units of the plan's currency; Shopify sees decimal strings.
 */
export const PLAN = {
  name: "Live Shows",
  currency: "USD",
  recurringMinor: 2900,
  perShowMinor: 500,
  usageCapMinor: 20000,
  trialDays: 14,
} as const;

export const BILLING_PERIOD_DAYS = 30;

/** Shown to the merchant on Shopify's confirmation page, so it says exactly what a show costs. */
export const USAGE_TERMS = `${formatMoney(PLAN.perShowMinor, PLAN.currency)} for each show that goes live (rehearsals are free), at most ${formatMoney(PLAN.usageCapMinor, PLAN.currency)} every ${BILLING_PERIOD_DAYS} days`;

/** The usage charge's idempotency key: one show is charged once, however often it goes live. */
export function usageChargeKey(showId: string): string {
  return `live-show:${showId}`;
}
