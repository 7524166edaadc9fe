// Building Stripe Account objects: what a new connected account looks like before onboarding
// (nothing enabled, requirements due), and the controller/type pairs Stripe reports.
import type Stripe from "stripe";
import { newId } from "./ids";

export type AccountType = "express" | "standard" | "custom";
export type DashboardType = "express" | "full" | "none";

/** The requirements an Express individual account has before onboarding. */
export const ONBOARDING_REQUIREMENTS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "external_account",
  "individual.dob.day",
  "individual.dob.month",
  "individual.dob.year",
  "individual.email",
  "individual.first_name",
  "individual.last_name",
  "individual.phone",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

const currencyByCountry: Record<string, string> = {
  US: "usd", GB: "gbp", CA: "cad", AU: "aud", NZ: "nzd", JP: "jpy", CH: "chf", SE: "sek", NO: "nok", DK: "dkk", PL: "pln", SG: "sgd", HK: "hkd", MX: "mxn", BR: "brl",
  AT: "eur", BE: "eur", DE: "eur", ES: "eur", FI: "eur", FR: "eur", GR: "eur", IE: "eur", IT: "eur", LU: "eur", NL: "eur", PT: "eur",
};

export function defaultCurrencyFor(country: string): string {
  return currencyByCountry[country] ?? "usd";
}

export function requirementsDue(fields: string[], disabledReason: string | null): Stripe.Account.Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...fields],
    disabled_reason: disabledReason as Stripe.Account.Requirements.DisabledReason | null,
    errors: [],
    eventually_due: [...fields],
    past_due: [...fields],
    pending_verification: [],
  };
}

export function noFutureRequirements(): Stripe.Account.FutureRequirements {
  return { alternatives: [], current_deadline: null, currently_due: [], disabled_reason: null, errors: [], eventually_due: [], past_due: [], pending_verification: [] };
}

const controllerByType: Record<AccountType, Stripe.Account.Controller> = {
  express: { type: "application", is_controller: true, fees: { payer: "application_express" }, losses: { payments: "application" }, requirement_collection: "stripe", stripe_dashboard: { type: "express" } },
  standard: { type: "application", is_controller: true, fees: { payer: "account" }, losses: { payments: "stripe" }, requirement_collection: "stripe", stripe_dashboard: { type: "full" } },
  custom: { type: "application", is_controller: true, fees: { payer: "application_custom" }, losses: { payments: "application" }, requirement_collection: "application", stripe_dashboard: { type: "none" } },
};

export function controllerForType(type: AccountType): Stripe.Account.Controller {
  return structuredClone(controllerByType[type]);
}

export function typeForDashboard(dashboard: DashboardType | undefined): AccountType {
  if (dashboard === "express") return "express";
  if (dashboard === "none") return "custom";
  return "standard";
}

export function emptyBusinessProfile(): Stripe.Account.BusinessProfile {
  return {
    mcc: null,
    minority_owned_business_designation: null,
    name: null,
    product_description: null,
    specified_commercial_transactions_act_url: null,
    support_address: null,
    support_email: null,
    support_phone: null,
    support_url: null,
    url: null,
  };
}

export function usesExpressDashboard(account: Stripe.Account): boolean {
  return account.controller?.stripe_dashboard?.type === "express";
}

/** The platform's own account, answered by GET /v1/account. */
export function platformAccount(created: number): Stripe.Account {
  const id = newId("acct", 16);
  return {
    id,
    object: "account",
    business_profile: { ...emptyBusinessProfile(), name: "Live Shows sandbox platform" },
    business_type: "company",
    capabilities: { card_payments: "active", transfers: "active" },
    charges_enabled: true,
    country: "US",
    created,
    default_currency: "usd",
    details_submitted: true,
    email: "platform@sandbox.invalid",
    metadata: {},
    payouts_enabled: true,
    requirements: requirementsDue([], null),
    future_requirements: noFutureRequirements(),
    type: "standard",
  };
}
