// A creator's money in one shop at a glance, per currency: what they earned and had clawed
// back, and where the net stands (on hold, ready for the next payout, being paid, paid).
import prisma from "~/db.server";

export interface CurrencyEarnings {
  currency: string;
  earnedMinor: number;
  /** Zero or negative. */
  clawedBackMinor: number;
  /** Unpaid and still inside the hold period. */
  onHoldMinor: number;
  /** Unpaid and matured: what the next payout run pays (negative when clawbacks carry forward). */
  availableMinor: number;
  /** In a payout Stripe has not confirmed yet. */
  inPaymentMinor: number;
  /** In payouts Stripe confirmed. */
  paidMinor: number;
}

const IN_PAYMENT = new Set(["pending", "created"]);

export async function earningsByCurrency(shop: string, creatorId: string, now = new Date()): Promise<CurrencyEarnings[]> {
  const entries = await prisma.commissionEntry.findMany({
    where: { shop, creatorId },
    select: { kind: true, amountMinor: true, currency: true, maturesAt: true, payout: { select: { id: true, status: true, amountMinor: true } } },
  });
  // A payout may transfer less than its entries (Stripe moves some currencies in steps of 10
  // minor units) or more (it took an earlier remainder along): what was sent counts as paid,
  // the difference as still owed.
  const paidOut = new Map<string, { currency: string; status: string; amountMinor: number; entriesMinor: number }>();
  const byCurrency = new Map<string, CurrencyEarnings>();
  for (const entry of entries) {
    const totals = byCurrency.get(entry.currency) ?? {
      currency: entry.currency,
      earnedMinor: 0,
      clawedBackMinor: 0,
      onHoldMinor: 0,
      availableMinor: 0,
      inPaymentMinor: 0,
      paidMinor: 0,
    };
    byCurrency.set(entry.currency, totals);
    if (entry.kind === "clawback") totals.clawedBackMinor += entry.amountMinor;
    else totals.earnedMinor += entry.amountMinor;
    if (!entry.payout) {
      if (entry.maturesAt.getTime() > now.getTime()) totals.onHoldMinor += entry.amountMinor;
      else totals.availableMinor += entry.amountMinor;
      continue;
    }
    const payout = paidOut.get(entry.payout.id) ?? { ...entry.payout, currency: entry.currency, entriesMinor: 0 };
    payout.entriesMinor += entry.amountMinor;
    paidOut.set(entry.payout.id, payout);
  }
  for (const payout of paidOut.values()) {
    const totals = byCurrency.get(payout.currency) as CurrencyEarnings;
    if (IN_PAYMENT.has(payout.status)) totals.inPaymentMinor += payout.amountMinor;
    else totals.paidMinor += payout.amountMinor;
    totals.availableMinor += payout.entriesMinor - payout.amountMinor;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
