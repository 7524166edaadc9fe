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
    select: { kind: true, amountMinor: true, currency: true, maturesAt: true, payout: { select: { status: true } } },
  });
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
    } else if (IN_PAYMENT.has(entry.payout.status)) {
      totals.inPaymentMinor += entry.amountMinor;
    } else {
      totals.paidMinor += entry.amountMinor;
    }
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
