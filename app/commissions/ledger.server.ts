// What creators are owed at a moment: matured commission entries not yet attached to a payout,
// netted per creator and currency (netting.ts has the rules).
import prisma from "~/db.server";
import { netPerCreatorAndCurrency, splitByOutcome, type LedgerEntry, type NettedLedger } from "./netting";

export interface CurrencyBalance {
  currency: string;
  /** May be negative: a clawback larger than what has matured since carries forward. */
  balanceMinor: number;
}

/** A creator's matured, unpaid balance in each currency they have entries in, within one shop. */
export async function creatorBalance(shop: string, creatorId: string, at: Date = new Date()): Promise<CurrencyBalance[]> {
  const entries = await maturedUnpaidEntries(shop, at, creatorId);
  return netPerCreatorAndCurrency(entries).map(({ currency, balanceMinor }) => ({ currency, balanceMinor }));
}

/** The input of a payout run: every creator's matured, unpaid entries in the shop, netted per currency. */
export async function payableEntries(shop: string, at: Date = new Date()): Promise<NettedLedger> {
  return splitByOutcome(netPerCreatorAndCurrency(await maturedUnpaidEntries(shop, at)));
}

function maturedUnpaidEntries(shop: string, at: Date, creatorId?: string): Promise<LedgerEntry[]> {
  return prisma.commissionEntry.findMany({
    where: { shop, payoutId: null, maturesAt: { lte: at }, ...(creatorId === undefined ? {} : { creatorId }) },
    select: { id: true, creatorId: true, currency: true, amountMinor: true },
    orderBy: [{ maturesAt: "asc" }, { id: "asc" }],
  });
}
