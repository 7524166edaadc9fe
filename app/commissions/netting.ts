// How matured, unpaid commission entries become what a creator is owed. Pure: the payout run
// and the creator's balance both use it, and its rules are tested without a database.
//
// - Entries net per creator and per currency; currencies are never converted or mixed.
// - A clawback nets against the earnings beside it, including earnings paid out earlier: its
//   own entry is unpaid, so it lowers the next payout.
// - A balance below zero is not paid and not forgiven: its entries stay unpaid and carry
//   forward, to net against the creator's next earnings in that currency.
// - A balance of exactly zero owes nothing; its entries can be settled without a transfer.

export interface LedgerEntry {
  id: string;
  creatorId: string;
  currency: string;
  amountMinor: number;
}

export interface CreatorBalance {
  creatorId: string;
  currency: string;
  /** The sum of the entries, in minor units of the currency. */
  balanceMinor: number;
  entryIds: string[];
}

export interface NettedLedger {
  /** Positive balances: a payout run transfers each one and marks its entries paid. */
  payable: CreatorBalance[];
  /** Negative balances: left unpaid, to net against later earnings. */
  carriedForward: CreatorBalance[];
  /** Entries that cancel out exactly. */
  nettedToZero: CreatorBalance[];
}

/** One balance per creator and currency, in a stable order (creator, then currency). */
export function netPerCreatorAndCurrency(entries: readonly LedgerEntry[]): CreatorBalance[] {
  const balances = new Map<string, CreatorBalance>();
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.amountMinor)) throw new RangeError(`Entry ${entry.id} is not a whole number of minor units`);
    const key = JSON.stringify([entry.creatorId, entry.currency]);
    const balance = balances.get(key) ?? { creatorId: entry.creatorId, currency: entry.currency, balanceMinor: 0, entryIds: [] };
    balance.balanceMinor += entry.amountMinor;
    balance.entryIds.push(entry.id);
    balances.set(key, balance);
  }
  return [...balances.values()].sort((a, b) => compare(a.creatorId, b.creatorId) || compare(a.currency, b.currency));
}

export function splitByOutcome(balances: readonly CreatorBalance[]): NettedLedger {
  return {
    payable: balances.filter((balance) => balance.balanceMinor > 0),
    carriedForward: balances.filter((balance) => balance.balanceMinor < 0),
    nettedToZero: balances.filter((balance) => balance.balanceMinor === 0),
  };
}

function compare(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}
