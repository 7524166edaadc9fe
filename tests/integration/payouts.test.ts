// Creators paid through the whole sandbox: a checkout of a show product in the Shopify emulator
// → signed orders/paid → a commission entry → the clock moved past the hold (as `now`) → a
// payout run → a transfer in the Stripe emulator → Stripe's signed event → paid. Refunds claw
// back and net against the next run; Stripe's account events keep payout status current.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { acquireLease, releaseLease } from "~/jobs/lease.server";
import { runPayouts } from "~/payouts/payouts.server";
import type { Payments } from "~/payments/stripe.server";
import { sandboxStripe } from "../sandbox/config";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import { signWebhookPayload } from "../sandbox/stripe";
import {
  buyFromShow,
  createPayoutShop,
  DAY_MS,
  inviteThroughAdmin,
  liveShowHostedBy,
  onboardCreator,
  refundFromOrder,
  testPayments,
  type PayoutShop,
} from "../support/creator-payouts";
import { fromNow } from "../support/clock";
import { startStack, type Stack } from "../support/stack";

const CRON_SECRET = "cron-secret-for-payout-tests";
let stack: Stack;
let mail: MailSandbox;
let payments: Payments;

beforeAll(async () => {
  mail = await startMailSandbox();
  stack = await startStack({ env: { MAIL_URL: mail.url, CRON_SECRET } });
  payments = testPayments(stack);
  stack.stripe.setPlatformBalance({ eur: 10_000_000 });
});

afterAll(async () => {
  await stack?.close();
  await mail?.close();
});

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@creators.example`;
const transfersTo = (accountId: string) => [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.destination === accountId);
const latestMaturity = async (shop: string) => (await prisma.commissionEntry.findFirstOrThrow({ where: { shop }, orderBy: { maturesAt: "desc" } })).maturesAt;

/** A shop, an onboarded creator at 10 % and a live show they host. */
async function hostedShow(label: string) {
  const target = await createPayoutShop(stack, label);
  const creator = await inviteThroughAdmin(target, { name: "Ada Host", email: email(label), percent: "10" });
  const show = await liveShowHostedBy(stack, target, creator.id);
  const onboarded = await onboardCreator(stack, target.shop, creator.id);
  return { target, creator: onboarded, show, accountId: onboarded.stripeAccountId! };
}

async function runAfterHold(target: PayoutShop) {
  return runPayouts({ shop: target.shop, now: new Date((await latestMaturity(target.shop)).getTime() + DAY_MS), payments });
}

describe("a payout run", () => {
  it("pays a show's commission by Stripe transfer once the hold has passed, and Stripe's event marks it paid", async () => {
    const { target, creator, show, accountId } = await hostedShow("payout-flow");
    await buyFromShow(stack, target, show.id, 2);

    const [entry] = await prisma.commissionEntry.findMany({ where: { shop: target.shop } });
    // 2 × 100.00 EUR at 10 %
    expect(entry).toMatchObject({ kind: "earn", creatorId: creator.id, showId: show.id, amountMinor: 2000, currency: "EUR", payoutId: null });

    const early = await runPayouts({ shop: target.shop, now: new Date(entry!.maturesAt.getTime() - 60_000), payments });
    expect(early.payouts).toEqual([]);
    expect(transfersTo(accountId)).toEqual([]);

    const report = await runPayouts({ shop: target.shop, now: new Date(entry!.maturesAt.getTime() + 60_000), payments });
    expect(report.outcome).toBe("ran");
    const payout = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop, runId: report.runId! } });
    expect(payout).toMatchObject({ creatorId: creator.id, amountMinor: 2000, currency: "EUR", idempotencyKey: `live-shows/payout/${report.runId}/${creator.id}/EUR` });

    const transfers = transfersTo(accountId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount: 2000, currency: "eur", destination: accountId, transfer_group: report.runId, metadata: { payout_id: payout.id, shop: target.shop } });
    const request = stack.stripe.state.requests.find((logged) => logged.method === "POST" && logged.path === "/v1/transfers" && logged.idempotencyKey === payout.idempotencyKey);
    expect(request?.status).toBe(200);

    await stack.stripe.webhooks.settled();
    const settled = await prisma.payout.findUniqueOrThrow({ where: { id: payout.id }, include: { entries: true, run: true } });
    expect(settled).toMatchObject({ status: "paid", stripeTransferId: transfers[0]!.id });
    expect(settled.entries.map((attached) => attached.id)).toEqual([entry!.id]);
    expect(settled.run).toMatchObject({ status: "finished" });

    const again = await runAfterHold(target);
    expect(again.payouts).toEqual([]);
    expect(transfersTo(accountId)).toHaveLength(1);
  });

  it("claws back a partial refund after the payout, nets it against the next one, and carries a negative balance forward", async () => {
    const { target, show, accountId } = await hostedShow("payout-netting");
    const order = await buyFromShow(stack, target, show.id, 4);
    await runAfterHold(target);
    expect(transfersTo(accountId).map((transfer) => transfer.amount)).toEqual([4000]);

    await refundFromOrder(stack, target, order, 1);
    const clawback = await prisma.commissionEntry.findFirstOrThrow({ where: { shop: target.shop, kind: "clawback" } });
    expect(clawback).toMatchObject({ amountMinor: -1000, quantity: 1, payoutId: null });
    await buyFromShow(stack, target, show.id, 3);

    const netted = await runAfterHold(target);
    expect(transfersTo(accountId).map((transfer) => transfer.amount)).toEqual([4000, 2000]);
    expect((await prisma.payout.findFirstOrThrow({ where: { shop: target.shop, runId: netted.runId! } })).amountMinor).toBe(2000);

    // Refunding the rest of the first order takes back 30.00 with nothing new earned: nothing is paid, the debt waits.
    await refundFromOrder(stack, target, order, 3);
    const carried = await runAfterHold(target);
    expect(carried.payouts).toEqual([]);
    expect(carried.skipped).toEqual([expect.objectContaining({ amountMinor: -3000, currency: "EUR", reason: expect.stringMatching(/clawbacks exceed .* by 30\.00 EUR; the difference carries forward/) })]);
    expect(transfersTo(accountId)).toHaveLength(2);
  });

  it("skips creators Stripe cannot pay yet, with the reason, and pays them once account.updated says they can", async () => {
    const target = await createPayoutShop(stack, "payout-skip");
    const unconnected = await inviteThroughAdmin(target, { name: "Bo Newcomer", email: email("bo"), percent: "10" });
    const restricted = await inviteThroughAdmin(target, { name: "Cy Restricted", email: email("cy"), percent: "10" });
    const first = await liveShowHostedBy(stack, target, unconnected.id, { title: "Bo live" });
    const second = await liveShowHostedBy(stack, target, restricted.id, { title: "Cy live" });
    const { stripeAccountId } = await onboardCreator(stack, target.shop, restricted.id);
    stack.stripe.changeAccountStatus(stripeAccountId!, { payoutsEnabled: false, requirements: { currentlyDue: ["individual.verification.document"], disabledReason: "requirements.past_due" } });
    await stack.stripe.webhooks.settled();
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: restricted.id } })).toMatchObject({ payoutsEnabled: false, stripeRequirementsDue: "individual.verification.document" });
    await buyFromShow(stack, target, first.id, 1);
    await buyFromShow(stack, target, second.id, 1);

    const report = await runAfterHold(target);
    expect(report.payouts).toEqual([]);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ creatorId: unconnected.id, amountMinor: 1000, reason: expect.stringMatching(/Bo Newcomer has not connected a Stripe account/) }),
        expect.objectContaining({ creatorId: restricted.id, amountMinor: 1000, reason: expect.stringMatching(/Stripe has not enabled payouts for Cy Restricted.*individual\.verification\.document/) }),
      ]),
    );

    stack.stripe.changeAccountStatus(stripeAccountId!, { payoutsEnabled: true, requirements: { currentlyDue: [], disabledReason: null } });
    await stack.stripe.webhooks.settled();
    const later = await runAfterHold(target);
    expect(later.payouts.map((payout) => [payout.creatorId, payout.amountMinor])).toEqual([[restricted.id, 1000]]);
  });

  it("never pays a rehearsal's commissions, even when an entry for one is in the ledger", async () => {
    const { target, creator, accountId } = await hostedShow("payout-rehearsal");
    const rehearsal = await liveShowHostedBy(stack, target, creator.id, { title: "Dress rehearsal", mode: "rehearsal" });
    await buyFromShow(stack, target, rehearsal.id, 1);
    expect(await prisma.commissionEntry.count({ where: { shop: target.shop } })).toBe(0);

    // Written straight to the database: attribution refuses rehearsals, so only a data error could put one here.
    await prisma.commissionEntry.create({
      data: { shop: target.shop, creatorId: creator.id, showId: rehearsal.id, orderId: "gid://shopify/Order/1", lineItemId: "gid://shopify/LineItem/1", kind: "earn", amountMinor: 500, currency: "EUR", maturesAt: fromNow({ days: -30 }), quantity: 1, salesAmountMinor: 5000n, rateBps: 1000 },
    });
    const report = await runPayouts({ shop: target.shop, now: new Date(Date.now() + 30 * DAY_MS), payments });
    expect(report.payouts).toEqual([]);
    expect(transfersTo(accountId)).toEqual([]);
    expect((await prisma.commissionEntry.findFirstOrThrow({ where: { shop: target.shop } })).payoutId).toBeNull();
  });

  it("waits for the platform balance: the admin names the shortfall, and a balance that does not fit is skipped, not sent", async () => {
    const { target, show, accountId } = await hostedShow("payout-shortfall");
    await prisma.shop.update({ where: { domain: target.shop }, data: { commissionHoldDays: 0 } });
    await buyFromShow(stack, target, show.id, 3);
    stack.stripe.setPlatformBalance({ eur: 1_000 });

    const page = await (await target.admin.get("/app/payouts")).text();
    expect(page).toContain("Platform balance on Stripe");
    expect(page).toContain("10.00 EUR available");
    expect(page).toContain("30.00 EUR is owed and 10.00 EUR is available: add 20.00 EUR to pay everyone.");

    const report = await runPayouts({ shop: target.shop, payments });
    expect(report.skipped).toEqual([expect.objectContaining({ amountMinor: 3000, reason: expect.stringMatching(/available Stripe balance in EUR \(10\.00 EUR\) does not cover 30\.00 EUR/) })]);
    expect(transfersTo(accountId)).toEqual([]);
    stack.stripe.setPlatformBalance({ eur: 10_000_000 });
  });
});

describe("the payouts page", () => {
  it("runs payouts from the button and shows the run, the transfer and its status", async () => {
    const { target, accountId, show } = await hostedShow("payout-button");
    await prisma.shop.update({ where: { domain: target.shop }, data: { commissionHoldDays: 0 } });
    await buyFromShow(stack, target, show.id, 1);

    const response = await target.admin.post("/app/payouts", { intent: "run" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Sent 10.00 EUR to 1 creator.");
    const [transfer] = transfersTo(accountId);
    expect(transfer).toMatchObject({ amount: 1000, currency: "eur" });
    await stack.stripe.webhooks.settled();

    const page = await (await target.admin.get("/app/payouts")).text();
    expect(page).toContain("from the button");
    expect(page).toContain(transfer!.id);
    expect(page).toContain("Paid");
  });

  it("answers a form it does not understand in words", async () => {
    const target = await createPayoutShop(stack, "payout-bad-form");
    const response = await target.admin.post("/app/payouts", { intent: "schedule", schedule: "hourly" });
    expect(await response.text()).toContain("Choose manual or weekly payouts");
  });
});

describe("one run at a time", () => {
  it("answers busy while another instance holds the shop's lease, and runs once it is released", async () => {
    const target = await createPayoutShop(stack, "payout-lease");
    expect(await acquireLease(`payouts:${target.shop}`, "another-instance", 60_000)).toBe(true);
    expect(await runPayouts({ shop: target.shop, payments })).toMatchObject({ outcome: "busy", runId: null });
    expect(await prisma.payoutRun.count({ where: { shop: target.shop } })).toBe(0);
    await releaseLease(`payouts:${target.shop}`, "another-instance");
    expect((await runPayouts({ shop: target.shop, payments })).outcome).toBe("ran");
  });
});

describe("scheduled payouts", () => {
  it("runs weekly shops from the scheduler's endpoint once a week, and refuses a caller without the secret", async () => {
    const { target, show, accountId } = await hostedShow("payout-weekly");
    await prisma.shop.update({ where: { domain: target.shop }, data: { commissionHoldDays: 0 } });
    expect((await target.admin.post("/app/payouts", { intent: "schedule", schedule: "weekly" })).status).toBe(200);
    await buyFromShow(stack, target, show.id, 2);

    const call = (token: string) => fetch(`${stack.appUrl}/jobs/payouts`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect((await call("not-the-secret")).status).toBe(401);

    const first = (await (await call(CRON_SECRET)).json()) as { ran: boolean; shops: { shop: string; outcome: string }[] };
    expect(first.ran).toBe(true);
    expect(first.shops).toContainEqual(expect.objectContaining({ shop: target.shop, outcome: "ran" }));
    expect(transfersTo(accountId).map((transfer) => transfer.amount)).toEqual([2000]);

    const second = (await (await call(CRON_SECRET)).json()) as { shops: { shop: string }[] };
    expect(second.shops.map((entry) => entry.shop)).not.toContain(target.shop);
    expect(await prisma.payoutRun.count({ where: { shop: target.shop, trigger: "scheduled" } })).toBe(1);
  });
});

describe("Stripe webhooks", () => {
  const post = (body: string, signature: string) =>
    fetch(`${stack.appUrl}/webhooks/stripe`, { method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": signature } });

  it("refuses a forged signature and changes nothing", async () => {
    const { target, creator, accountId } = await hostedShow("payout-forged");
    const event = { id: `evt_${randomUUID()}`, object: "event", type: "account.updated", created: Math.floor(Date.now() / 1000), data: { object: { id: accountId, object: "account" } } };
    const body = JSON.stringify(event);
    const forged = await post(body, signWebhookPayload(body, "whsec_not_the_secret", Math.floor(Date.now() / 1000)));
    expect(forged.status).toBe(401);
    expect(await prisma.webhookReceipt.count({ where: { source: "stripe", eventId: event.id } })).toBe(0);
    expect((await prisma.creator.findFirstOrThrow({ where: { id: creator.id, shop: target.shop } })).payoutsEnabled).toBe(true);
  });

  /** A call to the Stripe emulator's API as the platform (optionally on behalf of a connected account). */
  async function stripeApi(path: string, form: Record<string, string>, account?: string) {
    const response = await fetch(`${stack.stripe.url}${path}`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { authorization: `Bearer ${sandboxStripe.secretKey}`, ...(account ? { "stripe-account": account } : {}) },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { id: string };
  }

  it("records a partial reversal on the payout, and a full one makes the commissions owed again", async () => {
    const { target, show, accountId } = await hostedShow("payout-reversal");
    await buyFromShow(stack, target, show.id, 4);
    const first = await runAfterHold(target);
    await stack.stripe.webhooks.settled();
    const payout = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop, runId: first.runId! } });

    await stripeApi(`/v1/transfers/${payout.stripeTransferId}/reversals`, { amount: "1000" });
    await stack.stripe.webhooks.settled();
    expect(await prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "paid", amountReversedMinor: 1000 });

    await stripeApi(`/v1/transfers/${payout.stripeTransferId}/reversals`, {});
    await stack.stripe.webhooks.settled();
    expect(await prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "reversed", amountReversedMinor: 4000 });
    expect(await prisma.commissionEntry.count({ where: { shop: target.shop, payoutId: null } })).toBe(1);

    const again = await runAfterHold(target);
    expect(again.payouts.map((paid) => paid.amountMinor)).toEqual([4000]);
    expect(transfersTo(accountId).map((transfer) => transfer.amount)).toEqual([4000, 4000]);
  });

  it("records what Stripe pays out to the creator's bank, and a late older event does not undo a later status", async () => {
    const { target, creator, show, accountId } = await hostedShow("payout-bank");
    await buyFromShow(stack, target, show.id, 2);
    await runAfterHold(target);
    const bankPayout = await stripeApi("/v1/payouts", { amount: "2000", currency: "eur" }, accountId);
    await stack.stripe.webhooks.settled();
    expect(await prisma.creatorBankPayout.findUniqueOrThrow({ where: { stripePayoutId: bankPayout.id } })).toMatchObject({ shop: target.shop, creatorId: creator.id, amountMinor: 2000, currency: "EUR", status: "pending" });

    stack.stripe.settlePayout(bankPayout.id, { outcome: "paid" });
    await stack.stripe.webhooks.settled();
    // payout.created delivered again, late: the paid status stays.
    const created = stack.stripe.state.events.find((event) => event.type === "payout.created" && event.data.object.id === bankPayout.id)!;
    const body = JSON.stringify({ ...created, id: `evt_${randomUUID()}` });
    expect((await post(body, signWebhookPayload(body, sandboxStripe.webhookSecret, Math.floor(Date.now() / 1000)))).status).toBe(200);
    expect(await prisma.creatorBankPayout.findUniqueOrThrow({ where: { stripePayoutId: bankPayout.id } })).toMatchObject({ status: "paid" });
  });

  it("acts on a redelivered event once", async () => {
    const { accountId } = await hostedShow("payout-redelivered");
    const event = stack.stripe.state.events.find((candidate) => candidate.type === "account.updated" && candidate.account === accountId)!;
    const body = JSON.stringify(event);
    const signature = signWebhookPayload(body, sandboxStripe.webhookSecret, Math.floor(Date.now() / 1000));
    const response = await post(body, signature);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-duplicate")).toBe("1");
  });
});
