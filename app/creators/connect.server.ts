// A creator's Stripe Connect account: an Express account the platform creates for them, the
// onboarding Stripe hosts, and the payout status the app keeps in step with Stripe.
import prisma from "~/db.server";
import { ExplainedError } from "~/lib/explained-error";
import { payments as configuredPayments, type ConnectedAccountStatus, type Payments } from "~/payments/stripe.server";

export class ConnectError extends ExplainedError {
  override name = "ConnectError";
}

async function creatorInShop(shop: string, creatorId: string) {
  const creator = await prisma.creator.findFirst({ where: { id: creatorId, shop } });
  if (!creator) throw new ConnectError("This creator is no longer in the shop.", { message: `No creator ${creatorId} in ${shop}` });
  return creator;
}

/** The creator's account, created on first use. The idempotency key makes a double click create one account, not two. */
async function ensureAccount(shop: string, creatorId: string, payments: Payments): Promise<string> {
  const creator = await creatorInShop(shop, creatorId);
  if (creator.stripeAccountId) return creator.stripeAccountId;
  const account = await payments.createExpressAccount({
    email: creator.email,
    idempotencyKey: `live-shows/creator-account/${creator.id}`,
    metadata: { shop, creator_id: creator.id },
  });
  await prisma.creator.updateMany({ where: { id: creator.id, shop, stripeAccountId: null }, data: { stripeAccountId: account.accountId } });
  await saveAccountStatus(shop, account);
  return (await creatorInShop(shop, creatorId)).stripeAccountId ?? account.accountId;
}

/** Where to send the creator to start or resume Stripe's onboarding. Links are single-use and short-lived, so one is made per click. */
export async function onboardingLink(shop: string, creatorId: string, urls: { returnUrl: string; refreshUrl: string }, payments: Payments = configuredPayments()): Promise<string> {
  const accountId = await ensureAccount(shop, creatorId, payments);
  return payments.createOnboardingLink({ accountId, ...urls });
}

/** A one-time link into the creator's Express dashboard (balance, payouts, bank details). */
export async function dashboardLink(shop: string, creatorId: string, payments: Payments = configuredPayments()): Promise<string> {
  const creator = await creatorInShop(shop, creatorId);
  if (!creator.stripeAccountId || !creator.stripeDetailsSubmitted) throw new ConnectError("Finish setting up payouts with Stripe first; the dashboard opens once onboarding is submitted.");
  return payments.createDashboardLink(creator.stripeAccountId);
}

/** Reads the account from Stripe and stores what it says (after onboarding, on account.updated, on request). */
export async function syncCreatorAccount(shop: string, accountId: string, payments: Payments = configuredPayments()): Promise<void> {
  await saveAccountStatus(shop, await payments.retrieveAccountStatus(accountId));
}

export async function refreshCreatorAccount(shop: string, creatorId: string, payments: Payments = configuredPayments()): Promise<void> {
  const creator = await creatorInShop(shop, creatorId);
  if (creator.stripeAccountId) await syncCreatorAccount(shop, creator.stripeAccountId, payments);
}

async function saveAccountStatus(shop: string, status: ConnectedAccountStatus) {
  await prisma.creator.updateMany({
    where: { shop, stripeAccountId: status.accountId },
    data: {
      payoutsEnabled: status.payoutsEnabled,
      stripeDetailsSubmitted: status.detailsSubmitted,
      stripeRequirementsDue: status.requirementsDue.join(","),
      stripeDisabledReason: status.disabledReason,
      stripeSyncedAt: new Date(),
    },
  });
}
