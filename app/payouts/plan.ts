// Which of a shop's payable balances a payout run pays now, and why the others wait. Pure: the
// run and the admin's preview make the same decisions from the same inputs.
import { formatMinorUnits } from "~/commissions/money";
import type { CreatorBalance } from "~/commissions/netting";

export interface CreatorForPayout {
  id: string;
  name: string;
  stripeAccountId: string | null;
  payoutsEnabled: boolean;
  requirementsDue: string[];
}

export type PayoutDecision =
  | { kind: "pay"; balance: CreatorBalance; creator: CreatorForPayout }
  | { kind: "skip"; balance: CreatorBalance; creator: CreatorForPayout | null; reason: string };

export interface PayoutPlan {
  decisions: PayoutDecision[];
  /** Per currency: what eligible creators are owed beyond the platform's available balance. */
  shortfall: { currency: string; owedMinor: number; availableMinor: number; shortMinor: number }[];
}

export const money = (minor: number, currency: string) => `${formatMinorUnits(minor, currency)} ${currency}`;

function ineligibility(creator: CreatorForPayout | null): string | null {
  if (!creator) return "The creator no longer exists in this shop.";
  if (!creator.stripeAccountId) return `${creator.name} has not connected a Stripe account yet; they can set up payouts from their creator portal.`;
  if (!creator.payoutsEnabled) {
    const due = creator.requirementsDue.length > 0 ? ` Stripe still needs: ${creator.requirementsDue.join(", ")}.` : "";
    return `Stripe has not enabled payouts for ${creator.name}; they can resume onboarding from their creator portal.${due}`;
  }
  return null;
}

/**
 * Eligible balances are paid in ledger order while the platform's available balance in their
 * currency covers them; a balance that does not fit waits for the next run with the shortfall
 * named, so a run never asks Stripe for money the platform does not have.
 */
export function planPayouts(payable: readonly CreatorBalance[], creators: ReadonlyMap<string, CreatorForPayout>, available: ReadonlyMap<string, number>): PayoutPlan {
  const remaining = new Map(available);
  const owed = new Map<string, number>();
  const decisions: PayoutDecision[] = payable.map((balance) => {
    const creator = creators.get(balance.creatorId) ?? null;
    const notEligible = ineligibility(creator);
    if (notEligible || !creator) return { kind: "skip", balance, creator, reason: notEligible ?? "" };
    owed.set(balance.currency, (owed.get(balance.currency) ?? 0) + balance.balanceMinor);
    const left = remaining.get(balance.currency) ?? 0;
    if (left < balance.balanceMinor) {
      return {
        kind: "skip",
        balance,
        creator,
        reason: `The platform's available Stripe balance in ${balance.currency} (${money(left, balance.currency)}) does not cover ${money(balance.balanceMinor, balance.currency)}; add funds and run payouts again.`,
      };
    }
    remaining.set(balance.currency, left - balance.balanceMinor);
    return { kind: "pay", balance, creator };
  });
  const shortfall = [...owed.entries()]
    .map(([currency, owedMinor]) => {
      const availableMinor = available.get(currency) ?? 0;
      return { currency, owedMinor, availableMinor, shortMinor: Math.max(0, owedMinor - availableMinor) };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { decisions, shortfall };
}

/** The Stripe idempotency key of a payout: the same for every attempt, different for every payout. */
export function payoutIdempotencyKey(runId: string, creatorId: string, currency: string): string {
  return `live-shows/payout/${runId}/${creatorId}/${currency}`;
}
