// The app's plan as the Shopify sandbox takes it: what a merchant approved at install, so the
// shops a test creates can go live unless the test says otherwise.
import { PLAN, USAGE_TERMS } from "../../app/shopify/app-plan";
import type { AppPlanInput } from "../sandbox/shopify/billing";

export const ACCEPTED_APP_PLAN: AppPlanInput = {
  name: PLAN.name,
  test: true,
  trialDays: PLAN.trialDays,
  currency: PLAN.currency,
  recurring: { price: PLAN.recurringMinor },
  usage: { cappedAmount: PLAN.usageCapMinor, terms: USAGE_TERMS },
};
