// Which of a shop's payable balances a payout run pays now, and why the others wait. Pure: the
// run and the admin's preview make the same decisions from the same inputs.
import { formatMoney, stripeTransferStep, transferableMinor } from "~/lib/money";
import type { CreatorBalance } from "~/commissions/netting";

export interface CreatorForPayout {
  id: string;
  name: string;
  stripeAccountId: string | null;
  payoutsEnabled: boolean;
  requirementsDue: string[];
}

export type PayoutDecision =
  /** amountMinor: what the transfer pays, which may differ from the balance in a currency Stripe transfers in steps. */
  | { kind: "pay"; balance: CreatorBalance; creator: CreatorForPayout; amountMinor: number }
  | { kind: "skip"; balance: CreatorBalance; creator: CreatorForPayout | null; reason: string };

export interface PayoutPlan {
  decisions: PayoutDecision[];
  /** Per currency: what eligible creators are owed beyond the platform's available balance. */
  shortfall: { currency: string; owedMinor: number; availableMinor: number; shortMinor: number }[];
}

function ineligibility(creator: CreatorForPayout | null): string | null {
  if (!creator) return "The creator no longer exists in this shop.";
  if (!creator.stripeAccountId) return `${creator.name} has not connected a Stripe account yet; they can set up payouts from their creator portal.`;
  if (!creator.payoutsEnabled) {
    const due = creator.requirementsDue.length > 0 ? ` Stripe still needs: ${creator.requirementsDue.join(", ")}.` : "";
    return `Stripe has not enabled payouts for ${creator.name}; they can resume onboarding from their creator portal.${due}`;
  }
  return null;
}

/** The key of a creator's remainder in one currency, in the map planPayouts takes. */
export const remainderKey = (creatorId: string, currency: string) => `${creatorId} ${currency}`;

/**
 * Eligible balances are paid in ledger order while the platform's available balance in their
 * currency covers them; a balance that does not fit waits for the next run with the shortfall
 * named, so a run never asks Stripe for money the platform does not have.
 *
 * In a currency Stripe transfers in steps (KWD: multiples of 10 minor units), what a creator is
 * owed is their balance plus what earlier payouts left over (`remainders`), and the payout is
 * that rounded down to the step: the part below the step stays owed for the next run.
 */
export function planPayouts(
  payable: readonly CreatorBalance[],
  creators: ReadonlyMap<string, CreatorForPayout>,
  available: ReadonlyMap<string, number>,
  remainders: ReadonlyMap<string, number> = new Map(),
): PayoutPlan {
  const remaining = new Map(available);
  const owed = new Map<string, number>();
  const decisions: PayoutDecision[] = payable.map((balance) => {
    const { currency } = balance;
    const creator = creators.get(balance.creatorId) ?? null;
    const notEligible = ineligibility(creator);
    if (notEligible || !creator) return { kind: "skip", balance, creator, reason: notEligible ?? "" };
    const due = balance.balanceMinor + (remainders.get(remainderKey(balance.creatorId, currency)) ?? 0);
    const amountMinor = transferableMinor(due, currency);
    if (amountMinor <= 0) {
      return {
        kind: "skip",
        balance,
        creator,
        reason: `${creator.name} is owed ${formatMoney(due, currency)}, less than the smallest amount Stripe transfers in ${currency} (${formatMoney(stripeTransferStep(currency), currency)}); it stays owed and is paid with their next earnings.`,
      };
    }
    owed.set(currency, (owed.get(currency) ?? 0) + amountMinor);
    const left = remaining.get(currency) ?? 0;
    if (left < amountMinor) {
      return {
        kind: "skip",
        balance,
        creator,
        reason: `The platform's available Stripe balance in ${currency} (${formatMoney(left, currency)}) does not cover ${formatMoney(amountMinor, currency)}; add funds and run payouts again.`,
      };
    }
    remaining.set(currency, left - amountMinor);
    return { kind: "pay", balance, creator, amountMinor };
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
