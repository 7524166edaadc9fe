// The bank's side of a payout, which only a control can trigger: it arrives (payout.paid) or
// bounces (payout.failed, money back in the available balance).
import type Stripe from "stripe";
import type { StripeCore } from "./core";
import { newId } from "./ids";
import { PLATFORM } from "./state";

export type PayoutOutcome = { outcome: "paid" } | { outcome: "failed"; failureCode?: string; failureMessage?: string };

export function settlePayout(core: StripeCore, payoutId: string, result: PayoutOutcome = { outcome: "paid" }): Stripe.Payout {
  const record = core.state.payouts.get(payoutId);
  if (!record) throw new Error(`Stripe sandbox: no payout ${payoutId}`);
  const { payout, account } = record;
  if (payout.status !== "pending") throw new Error(`Stripe sandbox: payout ${payoutId} is ${payout.status}, not pending`);
  if (result.outcome === "paid") {
    payout.status = "paid";
  } else {
    payout.status = "failed";
    payout.failure_code = result.failureCode ?? "account_closed";
    payout.failure_message = result.failureMessage ?? "The bank account has been closed.";
    payout.failure_balance_transaction = newId("txn");
    core.ledger.move(account ?? PLATFORM, payout.currency, { available: payout.amount });
  }
  core.events.emit(`payout.${payout.status}`, payout, { account, previousAttributes: { status: "pending" }, request: null });
  return payout;
}

/** Settles every pending payout the same way; returns the payouts it settled. */
export function settlePendingPayouts(core: StripeCore, result: PayoutOutcome = { outcome: "paid" }): Stripe.Payout[] {
  const pending = [...core.state.payouts.values()].filter((record) => record.payout.status === "pending");
  return pending.map((record) => settlePayout(core, record.payout.id, result));
}
