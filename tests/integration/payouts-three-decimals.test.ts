// Payouts in a three-decimal currency through the Stripe emulator: Stripe moves KWD only in
// whole tens of fils, so a payout is rounded down to a multiple of 10 and what is left stays
// owed for the next run, never lost and never paid twice, even when a transfer is reversed.
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { earningsByCurrency } from "~/creators/earnings.server";
import { PaymentsError, type Payments } from "~/payments/stripe.server";
import { runPayouts } from "~/payouts/payouts.server";
import { sandboxStripe } from "../sandbox/config";
import { fromNow, shifted } from "../support/clock";
import { onboardCreator, testPayments } from "../support/creator-payouts";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
let payments: Payments;

beforeAll(async () => {
  stack = await startStack({ seed: false });
  payments = testPayments(stack);
  stack.stripe.setPlatformBalance({ kwd: 10_000_000 });
});

afterAll(async () => {
  await stack?.close();
});

/** The runs' clock, some days ago, and when the earnings matured, well before it. */
const runAt = fromNow({ days: -17 });
const matured = shifted(runAt, { days: -19 });

async function kuwaitiCreator() {
  const shop = `kwd-${randomUUID().slice(0, 8)}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "KWD" } });
  const creator = await prisma.creator.create({ data: { shop, email: `host-${randomUUID().slice(0, 8)}@creators.example`, name: "Noor", status: "active" } });
  const onboarded = await onboardCreator(stack, shop, creator.id);
  return { shop, creatorId: creator.id, accountId: onboarded.stripeAccountId! };
}

async function earn(shop: string, creatorId: string, amountMinor: number) {
  await prisma.commissionEntry.create({
    data: { shop, creatorId, showId: "show", orderId: "order", lineItemId: randomUUID(), kind: "earn", amountMinor, currency: "KWD", maturesAt: matured },
  });
}

const transferredTo = (accountId: string) =>
  [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.destination === accountId).map((transfer) => [transfer.amount, transfer.amount_reversed]);

describe("payouts in KWD", () => {
  it("are refused by Stripe unless the amount is a whole number of tens of fils", async () => {
    const { accountId } = await kuwaitiCreator();
    const request = { currency: "KWD", destination: accountId, transferGroup: "group", description: "test", metadata: {} };
    const refused = await payments.createTransfer({ ...request, amountMinor: 12_345, idempotencyKey: randomUUID() }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PaymentsError);
    expect(refused).toMatchObject({ outcome: "refused", message: expect.stringContaining("Amounts in kwd must be a multiple of 10") });
    const cause = (refused as PaymentsError).cause as Stripe.errors.StripeError;
    expect(cause).toMatchObject({ type: "StripeInvalidRequestError", param: "amount", statusCode: 400 });
    await expect(payments.createTransfer({ ...request, amountMinor: 12_340, idempotencyKey: randomUUID() })).resolves.toMatchObject({ amountMinor: 12_340 });
  });

  it("pay the balance rounded down to tens of fils and carry the rest into the next run, through a reversal too", async () => {
    const { shop, creatorId, accountId } = await kuwaitiCreator();
    await earn(shop, creatorId, 12_345);
    const first = await runPayouts({ shop, now: runAt, payments });
    expect(first.payouts).toEqual([expect.objectContaining({ amountMinor: 12_340, currency: "KWD", status: "created" })]);

    // 5 fils are owed still: nothing can be paid until there is more.
    const nothingYet = await runPayouts({ shop, now: runAt, payments });
    expect(nothingYet.payouts).toEqual([]);
    await earn(shop, creatorId, 3);
    const stillTooLittle = await runPayouts({ shop, now: runAt, payments });
    expect(stillTooLittle.skipped).toEqual([expect.objectContaining({ amountMinor: 3, reason: expect.stringContaining("Noor is owed 0.008 KWD, less than the smallest amount Stripe transfers in KWD (0.010 KWD)") })]);

    await earn(shop, creatorId, 4);
    const second = await runPayouts({ shop, now: runAt, payments });
    expect(second.payouts).toEqual([expect.objectContaining({ amountMinor: 10, status: "created" })]);
    expect(transferredTo(accountId)).toEqual([[12_340, 0], [10, 0]]);

    // Stripe reverses the first transfer: its 12.345 KWD of entries are owed again, the 5 fils it
    // left over went with the second payout, and the 2 fils that one left stay owed.
    const [firstTransfer] = [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.destination === accountId);
    const stripe = new Stripe(sandboxStripe.secretKey, { host: "127.0.0.1", port: Number(new URL(stack.stripe.url).port), protocol: "http" });
    await stripe.transfers.createReversal(firstTransfer!.id);
    await stack.stripe.webhooks.settled();
    expect((await prisma.payout.findFirstOrThrow({ where: { shop, stripeTransferId: firstTransfer!.id } })).status).toBe("reversed");

    const third = await runPayouts({ shop, now: runAt, payments });
    expect(third.payouts).toEqual([expect.objectContaining({ amountMinor: 12_340 })]);
    const earned = 12_345 + 3 + 4;
    const paid = [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.destination === accountId).reduce((sum, transfer) => sum + transfer.amount - transfer.amount_reversed, 0);
    expect(paid).toBe(12_350);
    expect(earned - paid).toBe(2);
    await stack.stripe.webhooks.settled();
    // The creator's page says the same: what Stripe moved is paid, the 2 fils are still owed.
    expect(await earningsByCurrency(shop, creatorId, runAt)).toEqual([
      { currency: "KWD", earnedMinor: earned, clawedBackMinor: 0, onHoldMinor: 0, availableMinor: 2, inPaymentMinor: 0, paidMinor: 12_350 },
    ]);
  });
});
