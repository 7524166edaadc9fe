// Payout runs: what creators are owed (the commission ledger) becomes Stripe transfers, never
// twice. The order of writes is what makes that true:
//   1. the Payout row, with its deterministic idempotency key, and its entries attached, in one
//      transaction, BEFORE Stripe is asked for anything;
//   2. the transfer, created with that key (transfer_group = the run's id);
//   3. the row marked created from Stripe's answer, and paid from Stripe's signed event.
// A crash or an unknown outcome between 1 and 3 leaves the row pending; the next run first
// looks for a transfer an earlier attempt made (transfer group + payout id in its metadata,
// which also covers Stripe forgetting idempotency keys after 24 hours), then retries with the
// same key, which Stripe answers with the original transfer if there was one.
import prisma from "~/db.server";
import { ExplainedError } from "~/lib/explained-error";
import { explainError } from "~/lib/explain-error.server";
import { payableEntries } from "~/commissions/ledger.server";
import { formatMoney, STEPPED_TRANSFER_CURRENCIES } from "~/lib/money";
import { netPerCreatorAndCurrency, splitByOutcome, type NettedLedger } from "~/commissions/netting";
import { PaymentsError, payments as configuredPayments, type Payments } from "~/payments/stripe.server";
import { withLease } from "~/jobs/lease.server";
import { payoutIdempotencyKey, planPayouts, remainderKey, type CreatorForPayout } from "./plan";

const RUN_LEASE_TTL_MS = 10 * 60_000;

export interface RunPayoutsOptions {
  shop: string;
  /** Entries that matured at or before this moment are paid. */
  now?: Date;
  trigger?: "manual" | "scheduled";
  payments?: Payments;
}

export interface PayoutRunReport {
  outcome: "ran" | "busy";
  runId: string | null;
  /** Payouts this run created or retried, with where they ended up. */
  payouts: { payoutId: string; creatorId: string; amountMinor: number; currency: string; status: string; message: string | null }[];
  skipped: { creatorId: string; amountMinor: number; currency: string; reason: string }[];
}

export class PayoutRunError extends ExplainedError {
  override name = "PayoutRunError";
}

/** One payout run for a shop, under the shop's lease: finish what earlier runs left pending, then pay what has matured. */
export async function runPayouts(options: RunPayoutsOptions): Promise<PayoutRunReport> {
  const { shop } = options;
  const result = await withLease(`payouts:${shop}`, RUN_LEASE_TTL_MS, () => runPayoutsHoldingLease(options));
  if (!result.ran) return { outcome: "busy", runId: null, payouts: [], skipped: [] };
  return result.value;
}

async function runPayoutsHoldingLease({ shop, now = new Date(), trigger = "manual", payments = configuredPayments() }: RunPayoutsOptions): Promise<PayoutRunReport> {
  const report: PayoutRunReport = { outcome: "ran", runId: null, payouts: [], skipped: [] };

  for (const payout of await prisma.payout.findMany({ where: { shop, status: "pending" }, orderBy: { createdAt: "asc" } })) {
    report.payouts.push(await executePayout(payments, payout.id, shop));
  }

  const available = await availableBalance(payments);
  const runId = await writePayoutRun(shop, now, trigger, available);
  report.runId = runId;
  report.skipped = await prisma.payoutSkip.findMany({ where: { shop, runId }, select: { creatorId: true, amountMinor: true, currency: true, reason: true }, orderBy: { id: "asc" } });
  for (const payout of await prisma.payout.findMany({ where: { shop, runId, status: "pending" }, orderBy: { createdAt: "asc" } })) {
    report.payouts.push(await executePayout(payments, payout.id, shop));
  }
  await closeSettledRuns(shop);
  return report;
}

async function availableBalance(payments: Payments): Promise<Map<string, number>> {
  try {
    return new Map((await payments.platformBalance()).map((amount) => [amount.currency, amount.availableMinor]));
  } catch (error) {
    throw new PayoutRunError("Stripe's balance could not be read, so nothing new was paid. Run payouts again in a moment.", {
      message: `${(error as Error).message}. Nothing new was paid.`,
      cause: error,
    });
  }
}

/** What a run would do now, without writing anything: for the admin before pressing the button. */
export async function previewPayoutRun(shop: string, now: Date, payments: Payments = configuredPayments()) {
  const balance = await payments.platformBalance();
  const ledger = await payableWithoutRehearsals(shop, now);
  const available = new Map(balance.map((amount) => [amount.currency, amount.availableMinor]));
  const plan = planPayouts(ledger.payable, await creatorsForPayout(shop, ledger), available, await payoutRemainders(shop));
  return { balance, plan, carriedForward: ledger.carriedForward };
}

/**
 * What payouts in currencies Stripe transfers in steps left owed, per creator and currency. Such
 * a payout carries all its entries but transfers their sum rounded down to the step (or, when it
 * took an earlier remainder along, a little more), so the difference is owed still, or already
 * paid. It is never written down: a payout that fails or is reversed releases its entries, and
 * with them its difference, so the sum over live payouts is always what is left.
 */
async function payoutRemainders(shop: string): Promise<Map<string, number>> {
  const payouts = await prisma.payout.findMany({
    where: { shop, status: { in: ["pending", "created", "paid"] }, currency: { in: [...STEPPED_TRANSFER_CURRENCIES] } },
    select: { id: true, creatorId: true, currency: true, amountMinor: true },
  });
  if (payouts.length === 0) return new Map();
  const sums = await prisma.commissionEntry.groupBy({
    by: ["payoutId"],
    where: { shop, payoutId: { in: payouts.map((payout) => payout.id) } },
    _sum: { amountMinor: true },
  });
  const entriesSum = new Map(sums.map((sum) => [sum.payoutId, sum._sum.amountMinor ?? 0]));
  const remainders = new Map<string, number>();
  for (const payout of payouts) {
    const key = remainderKey(payout.creatorId, payout.currency);
    remainders.set(key, (remainders.get(key) ?? 0) + (entriesSum.get(payout.id) ?? 0) - payout.amountMinor);
  }
  return remainders;
}

/**
 * Rehearsals sell with payments in test mode: attribution already refuses their sales, and the
 * run refuses them again here so no entry of a rehearsal can ever reach a transfer.
 */
async function payableWithoutRehearsals(shop: string, now: Date): Promise<NettedLedger> {
  const ledger = await payableEntries(shop, now);
  const entryIds = [...ledger.payable, ...ledger.carriedForward, ...ledger.nettedToZero].flatMap((balance) => balance.entryIds);
  if (entryIds.length === 0) return ledger;
  const rehearsals = await prisma.show.findMany({ where: { shop, mode: "rehearsal" }, select: { id: true } });
  if (rehearsals.length === 0) return ledger;
  const entries = await prisma.commissionEntry.findMany({
    where: { shop, id: { in: entryIds }, showId: { notIn: rehearsals.map((show) => show.id) } },
    select: { id: true, creatorId: true, currency: true, amountMinor: true },
    orderBy: [{ maturesAt: "asc" }, { id: "asc" }],
  });
  return splitByOutcome(netPerCreatorAndCurrency(entries));
}

async function creatorsForPayout(shop: string, ledger: NettedLedger): Promise<Map<string, CreatorForPayout>> {
  const ids = [...new Set([...ledger.payable, ...ledger.carriedForward].map((balance) => balance.creatorId))];
  const creators = await prisma.creator.findMany({
    where: { shop, id: { in: ids } },
    select: { id: true, name: true, stripeAccountId: true, payoutsEnabled: true, stripeRequirementsDue: true },
  });
  return new Map(
    creators.map((creator) => [
      creator.id,
      { ...creator, requirementsDue: creator.stripeRequirementsDue.split(",").filter(Boolean) },
    ]),
  );
}

/** Step 1: the run, its payout rows and skips, with every paid entry attached, before any transfer. */
async function writePayoutRun(shop: string, now: Date, trigger: string, available: Map<string, number>): Promise<string> {
  const ledger = await payableWithoutRehearsals(shop, now);
  const creators = await creatorsForPayout(shop, ledger);
  const plan = planPayouts(ledger.payable, creators, available, await payoutRemainders(shop));
  const run = await prisma.payoutRun.create({ data: { shop, trigger } });

  for (const decision of plan.decisions) {
    const { balance } = decision;
    if (decision.kind === "skip") {
      await prisma.payoutSkip.create({ data: { shop, runId: run.id, creatorId: balance.creatorId, currency: balance.currency, amountMinor: balance.balanceMinor, reason: decision.reason } });
      continue;
    }
    await attachEntries(shop, run.id, balance.creatorId, balance.currency, decision.amountMinor, balance.entryIds, "pending");
  }
  // Entries that cancel out exactly are settled without a transfer, so they stop showing as owed.
  for (const balance of ledger.nettedToZero) {
    await attachEntries(shop, run.id, balance.creatorId, balance.currency, 0, balance.entryIds, "netted");
  }
  for (const balance of ledger.carriedForward) {
    const name = creators.get(balance.creatorId)?.name ?? "The creator";
    await prisma.payoutSkip.create({
      data: {
        shop,
        runId: run.id,
        creatorId: balance.creatorId,
        currency: balance.currency,
        amountMinor: balance.balanceMinor,
        reason: `${name}'s clawbacks exceed their matured earnings by ${formatMoney(-balance.balanceMinor, balance.currency)}; the difference carries forward against their next earnings.`,
      },
    });
  }
  return run.id;
}

async function attachEntries(shop: string, runId: string, creatorId: string, currency: string, amountMinor: number, entryIds: string[], status: "pending" | "netted") {
  await prisma.$transaction(async (tx) => {
    const payout = await tx.payout.create({
      data: { shop, runId, creatorId, currency, amountMinor, status, idempotencyKey: payoutIdempotencyKey(runId, creatorId, currency) },
    });
    // Only entries still unpaid are taken: if another run took any of them first, nothing is written.
    const taken = await tx.commissionEntry.updateMany({ where: { shop, creatorId, currency, id: { in: entryIds }, payoutId: null }, data: { payoutId: payout.id } });
    if (taken.count !== entryIds.length) {
      throw new PayoutRunError("Another payout run took some of the same commissions first; nothing was written for them. Run payouts again.", {
        message: `Another payout run took some of ${creatorId}'s ${currency} entries in ${shop} first; nothing was written for them.`,
      });
    }
  });
}

type ExecutedPayout = PayoutRunReport["payouts"][number];

/** Steps 2 and 3 for one pending payout. Never throws for Stripe's sake: the outcome is written down. */
export async function executePayout(payments: Payments, payoutId: string, shop: string): Promise<ExecutedPayout> {
  const payout = await prisma.payout.findFirstOrThrow({ where: { id: payoutId, shop }, include: { creator: { select: { stripeAccountId: true } } } });
  const summary = (status: string, message: string | null): ExecutedPayout => ({
    payoutId: payout.id,
    creatorId: payout.creatorId,
    amountMinor: payout.amountMinor,
    currency: payout.currency,
    status,
    message,
  });
  if (payout.status !== "pending") return summary(payout.status, null);
  const destination = payout.creator.stripeAccountId;
  if (!destination) return summary(await failPayout(payout.id, shop, "The creator has no Stripe account any more."), null);

  const earlierAttempts = payout.attempts;
  await prisma.payout.update({ where: { id: payout.id, shop }, data: { attempts: { increment: 1 }, lastAttemptAt: new Date() } });
  try {
    const earlier = earlierAttempts > 0 ? await payments.findTransfer({ transferGroup: payout.runId, payoutId: payout.id }) : null;
    const transfer =
      earlier ??
      (await payments.createTransfer({
        amountMinor: payout.amountMinor,
        currency: payout.currency,
        destination,
        transferGroup: payout.runId,
        idempotencyKey: payout.idempotencyKey,
        description: `Live Shows commissions from ${shop}`,
        metadata: { shop, payout_id: payout.id, run_id: payout.runId, creator_id: payout.creatorId },
      }));
    await markTransferCreated(shop, payout.id, transfer.id);
    const after = await prisma.payout.findUniqueOrThrow({ where: { id: payout.id } });
    return summary(after.status, null);
  } catch (error) {
    // Both reasons are shown on the payouts page: the app's words, not Stripe's or Prisma's internals.
    const reason = explainError(error, { shop, payoutId: payout.id });
    if (error instanceof PaymentsError && error.outcome === "refused") {
      return summary(await failPayout(payout.id, shop, reason), reason);
    }
    await prisma.payout.updateMany({ where: { id: payout.id, shop, status: "pending" }, data: { lastError: reason } });
    return summary("pending", `${reason} The next payout run retries it with the same idempotency key, so nobody is paid twice.`);
  }
}

/** Stripe answered with the transfer. Stripe's own event may have got here first: a status never goes back. */
async function markTransferCreated(shop: string, payoutId: string, transferId: string) {
  await prisma.payout.updateMany({ where: { id: payoutId, shop, stripeTransferId: null }, data: { stripeTransferId: transferId } });
  await prisma.payout.updateMany({ where: { id: payoutId, shop, status: "pending" }, data: { status: "created", lastError: null } });
}

/** Stripe refused: nothing was paid, so the entries are owed again and the next run pays them under a new key. */
async function failPayout(payoutId: string, shop: string, reason: string): Promise<string> {
  await prisma.$transaction(async (tx) => {
    const failed = await tx.payout.updateMany({ where: { id: payoutId, shop, status: "pending" }, data: { status: "failed", failureReason: reason, lastError: null } });
    if (failed.count === 1) await tx.commissionEntry.updateMany({ where: { shop, payoutId }, data: { payoutId: null } });
  });
  return "failed";
}

/** A run is finished once none of its payouts is pending. */
export async function closeSettledRuns(shop: string) {
  const open = await prisma.payoutRun.findMany({ where: { shop, finishedAt: null }, select: { id: true } });
  for (const run of open) {
    const pending = await prisma.payout.count({ where: { shop, runId: run.id, status: "pending" } });
    await prisma.payoutRun.update({
      where: { id: run.id, shop },
      data: pending === 0 ? { status: "finished", finishedAt: new Date() } : { status: "incomplete" },
    });
  }
}

export interface PayoutRunView {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  trigger: string;
  payouts: { id: string; creatorId: string; creatorName: string; amountMinor: number; currency: string; status: string; stripeTransferId: string | null; problem: string | null; amountReversedMinor: number }[];
  skipped: { creatorId: string; creatorName: string; amountMinor: number; currency: string; reason: string }[];
}

export async function listPayoutRuns(shop: string, take = 20): Promise<PayoutRunView[]> {
  const runs = await prisma.payoutRun.findMany({
    where: { shop },
    orderBy: { startedAt: "desc" },
    take,
    include: {
      payouts: { orderBy: { createdAt: "asc" }, include: { creator: { select: { name: true } } } },
      skips: { include: { creator: { select: { name: true } } } },
    },
  });
  return runs.map((run) => ({
    id: run.id,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    status: run.status,
    trigger: run.trigger,
    payouts: run.payouts.map((payout) => ({
      id: payout.id,
      creatorId: payout.creatorId,
      creatorName: payout.creator.name,
      amountMinor: payout.amountMinor,
      currency: payout.currency,
      status: payout.status,
      stripeTransferId: payout.stripeTransferId,
      problem: payout.failureReason ?? payout.lastError,
      amountReversedMinor: payout.amountReversedMinor,
    })),
    skipped: run.skips.map((skip) => ({ creatorId: skip.creatorId, creatorName: skip.creator.name, amountMinor: skip.amountMinor, currency: skip.currency, reason: skip.reason })),
  }));
}
