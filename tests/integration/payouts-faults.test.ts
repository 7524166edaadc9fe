// Payout runs against a Stripe that fails: 500s, silence, a connection dropped after the
// transfer was made, a process that dies mid-run, Stripe forgetting idempotency keys after a
// day. Whatever happens, a new run leaves exactly one transfer per payout.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { runPayouts } from "~/payouts/payouts.server";
import type { Payments } from "~/payments/stripe.server";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import type { FaultSpec } from "../sandbox/stripe";
import { buyFromShow, createPayoutShop, DAY_MS, inviteThroughAdmin, liveShowHostedBy, onboardCreator, testPayments, type PayoutShop } from "../support/creator-payouts";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
let mail: MailSandbox;
let payments: Payments;

beforeAll(async () => {
  mail = await startMailSandbox();
  stack = await startStack({ env: { MAIL_URL: mail.url } });
  // No SDK retries and a short timeout, so every fault reaches the run instead of being healed inside one call.
  payments = testPayments(stack, { maxNetworkRetries: 0, timeoutMs: 500 });
  stack.stripe.setPlatformBalance({ eur: 10_000_000 });
});

afterAll(async () => {
  await stack?.close();
  await mail?.close();
});

const TRANSFERS = { method: "POST", path: "/v1/transfers" } as const;

/** A shop whose onboarded creator has 30.00 EUR matured (3 units at 10 %), and the moment after the hold. */
async function owedCreator(label: string) {
  const target = await createPayoutShop(stack, label);
  const creator = await inviteThroughAdmin(target, { name: "Ada Host", email: `${label}-${randomUUID().slice(0, 8)}@creators.example`, percent: "10" });
  const show = await liveShowHostedBy(stack, target, creator.id);
  const { stripeAccountId } = await onboardCreator(stack, target.shop, creator.id);
  await buyFromShow(stack, target, show.id, 3);
  const entry = await prisma.commissionEntry.findFirstOrThrow({ where: { shop: target.shop } });
  return { target, creator, accountId: stripeAccountId!, now: new Date(entry.maturesAt.getTime() + DAY_MS) };
}

/** Every payout of the shop, with the transfers Stripe holds for it: each must have exactly one. */
async function transfersPerPayout(target: PayoutShop) {
  const payouts = await prisma.payout.findMany({ where: { shop: target.shop, status: { not: "netted" } } });
  return payouts.map((payout) => ({
    payoutId: payout.id,
    status: payout.status,
    transfers: [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.metadata?.payout_id === payout.id).map((transfer) => transfer.amount),
  }));
}

async function expectOneTransferEach(target: PayoutShop) {
  await stack.stripe.webhooks.settled();
  const rows = await transfersPerPayout(target);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row, JSON.stringify(rows)).toMatchObject({ status: "paid", transfers: [3000] });
}

/**
 * Runs `work` while Stripe cannot reach the app's webhook endpoint, so only the run itself can
 * settle what happened; answers a function that redelivers what was missed (Stripe retries
 * failed deliveries for days).
 */
async function withWebhooksDown(work: () => Promise<void>): Promise<() => Promise<void>> {
  const from = stack.stripe.state.events.length;
  stack.stripe.webhooks.setEndpoint(undefined);
  try {
    await work();
  } finally {
    stack.stripe.webhooks.setEndpoint({ url: `${stack.appUrl}/webhooks/stripe` });
  }
  const missed = stack.stripe.state.events.slice(from);
  return async () => {
    for (const event of missed) stack.stripe.webhooks.redeliver(event.id);
    await stack.stripe.webhooks.settled();
  };
}

describe.each<[string, FaultSpec]>([
  ["Stripe answering 500", { kind: "api_error", ...TRANSFERS }],
  ["Stripe not answering before the timeout", { kind: "timeout", ...TRANSFERS }],
  ["Stripe making the transfer and then not answering", { kind: "timeout", commit: true, ...TRANSFERS }],
])("with %s", (_, fault) => {
  it("leaves the payout pending with the reason, and the next run finishes it with exactly one transfer", async () => {
    const { target, now } = await owedCreator(`fault-${fault.kind}`);
    const armed = stack.stripe.faults.inject(fault);
    let firstRunId = "";
    const redeliver = await withWebhooksDown(async () => {
      const first = await runPayouts({ shop: target.shop, now, payments });
      firstRunId = first.runId!;
      expect(armed.hits).toBe(1);
      expect(first.payouts).toEqual([expect.objectContaining({ status: "pending", message: expect.stringMatching(/next payout run retries it with the same idempotency key/) })]);
    });
    const pending = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop } });
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/Stripe could not create the transfer/) });
    expect(await prisma.payoutRun.findUniqueOrThrow({ where: { id: firstRunId } })).toMatchObject({ status: "incomplete" });

    const second = await runPayouts({ shop: target.shop, now, payments });
    // Stripe's transfer.paid event for a transfer this run made can land before the run reads the row back.
    expect(second.payouts).toEqual([expect.objectContaining({ payoutId: pending.id, status: expect.stringMatching(/created|paid/) })]);
    await redeliver();
    await expectOneTransferEach(target);
    expect(await prisma.payoutRun.findUniqueOrThrow({ where: { id: firstRunId } })).toMatchObject({ status: "finished" });
  });
});

describe("the connection dropping after Stripe made the transfer", () => {
  it("is retried by the SDK with the same idempotency key, which replays the transfer instead of making another", async () => {
    const { target, now } = await owedCreator("fault-disconnect");
    stack.stripe.faults.inject({ kind: "disconnect_after_commit", ...TRANSFERS });
    const report = await runPayouts({ shop: target.shop, now, payments });
    expect(report.payouts).toEqual([expect.objectContaining({ status: expect.stringMatching(/created|paid/) })]);
    const { idempotencyKey } = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop } });
    expect(stack.stripe.state.requests.filter((request) => request.idempotencyKey === idempotencyKey).map((request) => request.outcome)).toEqual(["disconnected", "replayed"]);
    expect((await runPayouts({ shop: target.shop, now, payments })).payouts).toEqual([]);
    await expectOneTransferEach(target);
  });
});

describe("the admin after an unanswered transfer", () => {
  it("says a payout waits for Stripe, and its button finishes it", async () => {
    const { target, now } = await owedCreator("fault-admin");
    stack.stripe.faults.inject({ kind: "api_error", ...TRANSFERS });
    await runPayouts({ shop: target.shop, now, payments });

    const page = await (await target.admin.get("/app/payouts")).text();
    expect(page).toContain("1 payout is waiting for Stripe&#x27;s answer. Running payouts asks again with the same idempotency key, so nobody is paid twice.");
    const response = await target.admin.post("/app/payouts", { intent: "run" });
    expect(await response.text()).toContain("Sent 30.00 EUR to 1 creator.");
    await expectOneTransferEach(target);
  });
});

describe("a process that dies mid-run", () => {
  /** Payments whose transfer call never comes back, like a process killed at that point; `commit` makes the transfer first. */
  function dyingPayments(commit: boolean): Payments {
    return {
      ...payments,
      createTransfer: async (request) => {
        if (commit) await payments.createTransfer(request);
        return new Promise<never>(() => {});
      },
    };
  }

  async function dieDuringRun(target: PayoutShop, now: Date, commit: boolean) {
    void runPayouts({ shop: target.shop, now, payments: dyingPayments(commit) });
    await expect.poll(() => prisma.payout.count({ where: { shop: target.shop, attempts: 1 } })).toBe(1);
    if (commit) await expect.poll(() => [...stack.stripe.state.transfers.values()].filter((transfer) => transfer.metadata?.shop === target.shop).length).toBe(1);
    // The dead process's lease runs out, as it would after its time-to-live.
    await prisma.lease.update({ where: { name: `payouts:${target.shop}` }, data: { expiresAt: new Date(0) } });
  }

  it("after writing the payout row and before creating the transfer: the next run creates it, once", async () => {
    const { target, now } = await owedCreator("crash-before");
    await dieDuringRun(target, now, false);
    await runPayouts({ shop: target.shop, now, payments });
    await expectOneTransferEach(target);
  });

  it("after Stripe made the transfer but before the app recorded it, with Stripe's idempotency key long expired: the next run finds it instead of paying again", async () => {
    const { target, now } = await owedCreator("crash-after");
    const redeliver = await withWebhooksDown(() => dieDuringRun(target, now, true));
    stack.stripe.advanceClock(25 * 3600);
    const report = await runPayouts({ shop: target.shop, now, payments });
    expect(report.payouts).toEqual([expect.objectContaining({ status: "created" })]);
    await redeliver();
    await expectOneTransferEach(target);
  });
});

describe("Stripe refusing a transfer", () => {
  it("marks the payout failed with Stripe's words, owes the commissions again, and a later run pays them under a new key", async () => {
    const { target, accountId, now } = await owedCreator("refused");
    stack.stripe.changeAccountStatus(accountId, { capabilities: { transfers: "inactive" } });
    const refused = await runPayouts({ shop: target.shop, now, payments });
    expect(refused.payouts).toEqual([expect.objectContaining({ status: "failed", message: expect.stringMatching(/capabilities enabled: transfers/) })]);
    const failed = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop, status: "failed" } });
    expect(await prisma.commissionEntry.count({ where: { shop: target.shop, payoutId: null } })).toBe(1);

    stack.stripe.changeAccountStatus(accountId, { capabilities: { transfers: "active" } });
    const paid = await runPayouts({ shop: target.shop, now, payments });
    const payout = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop, runId: paid.runId! } });
    expect(payout.idempotencyKey).not.toBe(failed.idempotencyKey);
    await stack.stripe.webhooks.settled();
    expect((await prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe("paid");
    expect([...stack.stripe.state.transfers.values()].filter((transfer) => transfer.destination === accountId).map((transfer) => transfer.amount)).toEqual([3000]);
  });
});

describe("the SDK's own retries", () => {
  it("heal a single 500 inside one run with the same idempotency key", async () => {
    const { target, now } = await owedCreator("sdk-retry");
    stack.stripe.faults.inject({ kind: "api_error", ...TRANSFERS });
    const report = await runPayouts({ shop: target.shop, now, payments: testPayments(stack, { maxNetworkRetries: 2 }) });
    expect(report.payouts).toEqual([expect.objectContaining({ status: expect.stringMatching(/created|paid/) })]);
    await expectOneTransferEach(target);
    const { idempotencyKey } = await prisma.payout.findFirstOrThrow({ where: { shop: target.shop } });
    expect(stack.stripe.state.requests.filter((request) => request.idempotencyKey === idempotencyKey).map((request) => request.status)).toEqual([500, 200]);
  });
});
