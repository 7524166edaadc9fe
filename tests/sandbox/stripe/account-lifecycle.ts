// Changes to a connected account that Stripe makes, not the platform: onboarding completing
// (from the onboarding page or a control) and later restrictions. Each fires account.updated,
// a Connect event carrying the account id.
import type Stripe from "stripe";
import { requirementsDue } from "./account-object";
import type { StripeCore } from "./core";
import { newId, randomBase62 } from "./ids";
import { changedAttributes } from "./previous-attributes";

export interface OnboardingDetails {
  fullName?: string;
  routingNumber?: string;
  accountNumber?: string;
}

function requireAccount(core: StripeCore, accountId: string): Stripe.Account {
  const account = core.state.accounts.get(accountId);
  if (!account) throw new Error(`Stripe sandbox: no account ${accountId}`);
  return account;
}

function emitIfChanged(core: StripeCore, before: Stripe.Account, account: Stripe.Account): void {
  const previous = changedAttributes(before, account);
  if (Object.keys(previous).length === 0) return;
  core.events.emit("account.updated", account, { account: account.id, previousAttributes: previous, request: null });
}

/** What submitting the onboarding form does: details in, requirements cleared, charges and payouts on. */
export function completeOnboarding(core: StripeCore, accountId: string, details: OnboardingDetails = {}): Stripe.Account {
  const account = requireAccount(core, accountId);
  const before = structuredClone(account);
  const currency = account.default_currency ?? "usd";
  const accountNumber = details.accountNumber ?? "000123456789";
  if (!account.external_accounts?.data.length) {
    const bankAccount: Stripe.BankAccount = {
      id: newId("ba"),
      object: "bank_account",
      account: account.id,
      account_holder_name: details.fullName ?? null,
      account_holder_type: "individual",
      account_type: null,
      available_payout_methods: ["standard"],
      bank_name: "STRIPE TEST BANK",
      country: account.country ?? "US",
      currency,
      default_for_currency: true,
      fingerprint: randomBase62(16),
      last4: accountNumber.slice(-4),
      metadata: {},
      routing_number: details.routingNumber ?? "110000000",
      status: "new",
    };
    account.external_accounts = { object: "list", data: [bankAccount], has_more: false, url: `/v1/accounts/${account.id}/external_accounts` };
  }
  account.capabilities = Object.fromEntries(Object.keys(account.capabilities ?? {}).map((name) => [name, "active"]));
  account.details_submitted = true;
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.requirements = requirementsDue([], null);
  account.tos_acceptance = { date: core.clock.nowSeconds(), ip: "127.0.0.1", user_agent: "Stripe sandbox onboarding" };
  if (details.fullName && account.business_profile && !account.business_profile.name) account.business_profile.name = details.fullName;
  emitIfChanged(core, before, account);
  return account;
}

export interface AccountStatusChange {
  chargesEnabled?: boolean;
  payoutsEnabled?: boolean;
  /** e.g. { transfers: "inactive" } makes transfers to the account fail. */
  capabilities?: Record<string, "active" | "inactive" | "pending">;
  /** Replaces the requirements: fields currently due and the reason the account is disabled. */
  requirements?: { currentlyDue: string[]; disabledReason: string | null };
}

/** Stripe changing an account on its own (verification failed, more information due, ...). */
export function changeAccountStatus(core: StripeCore, accountId: string, change: AccountStatusChange): Stripe.Account {
  const account = requireAccount(core, accountId);
  const before = structuredClone(account);
  if (change.chargesEnabled !== undefined) account.charges_enabled = change.chargesEnabled;
  if (change.payoutsEnabled !== undefined) account.payouts_enabled = change.payoutsEnabled;
  if (change.capabilities) account.capabilities = { ...account.capabilities, ...change.capabilities };
  if (change.requirements) account.requirements = requirementsDue(change.requirements.currentlyDue, change.requirements.disabledReason);
  emitIfChanged(core, before, account);
  return account;
}
