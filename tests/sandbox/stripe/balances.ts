// The money: available and pending amounts per owner and currency, and their rendering as
// Stripe's Balance object. Moves are synchronous so a check and the debit that follows it
// cannot interleave with another request.
import type Stripe from "stripe";
import { PLATFORM, type BalanceAmounts } from "./state";

export class BalanceLedger {
  constructor(private readonly balances: Map<string, Map<string, BalanceAmounts>>) {}

  amounts(owner: string, currency: string): BalanceAmounts {
    let byCurrency = this.balances.get(owner);
    if (!byCurrency) this.balances.set(owner, (byCurrency = new Map()));
    let amounts = byCurrency.get(currency);
    if (!amounts) byCurrency.set(currency, (amounts = { available: 0, pending: 0 }));
    return amounts;
  }

  available(owner: string, currency: string): number {
    return this.amounts(owner, currency).available;
  }

  /** Adds (or, negative, removes) money; connected accounts may go negative after a reversal, as on Stripe. */
  move(owner: string, currency: string, delta: Partial<BalanceAmounts>): void {
    const amounts = this.amounts(owner, currency);
    amounts.available += delta.available ?? 0;
    amounts.pending += delta.pending ?? 0;
  }

  set(owner: string, currency: string, amounts: Partial<BalanceAmounts>): void {
    const current = this.amounts(owner, currency);
    if (amounts.available !== undefined) current.available = amounts.available;
    if (amounts.pending !== undefined) current.pending = amounts.pending;
  }

  /** Stripe lists every currency the account holds, and at least its default currency. */
  toBalance(owner: string, defaultCurrency: string): Stripe.Balance {
    this.amounts(owner, defaultCurrency);
    const byCurrency = [...(this.balances.get(owner) ?? new Map<string, BalanceAmounts>())];
    const rows = (pick: (amounts: BalanceAmounts) => number) =>
      byCurrency.map(([currency, amounts]) => ({ amount: pick(amounts), currency, source_types: { card: pick(amounts) } }));
    return {
      object: "balance",
      available: rows((amounts) => amounts.available),
      pending: rows((amounts) => amounts.pending),
      ...(owner === PLATFORM ? { connect_reserved: byCurrency.map(([currency]) => ({ amount: 0, currency })) } : {}),
      livemode: false,
    };
  }
}
