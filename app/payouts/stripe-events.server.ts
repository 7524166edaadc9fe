// Stripe's signed events settle what the app wrote before asking Stripe: transfer.* moves a
// payout to paid (or reversed), payout.* records what reached a creator's bank, and
// account.updated keeps a creator's payout status current. Events may arrive twice (the route
// dedupes by event id) and in any order, so every write here only moves state forward.
import prisma from "~/db.server";
import { syncCreatorAccount } from "~/creators/connect.server";
import type { BankPayoutRecord, Payments, PaymentsEvent, TransferRecord } from "~/payments/stripe.server";
import { closeSettledRuns } from "./payouts.server";
import { log } from "~/lib/log.server";

/** The shop an event belongs to, or null when it is about nothing this app made (answered 200 and ignored). */
export async function shopOfStripeEvent(event: PaymentsEvent): Promise<string | null> {
  switch (event.type) {
    case "account.updated":
      return (await prisma.creator.findUnique({ where: { stripeAccountId: event.accountId }, select: { shop: true } }))?.shop ?? null;
    case "transfer.created":
    case "transfer.updated":
    case "transfer.reversed":
      return (await payoutOfTransfer(event.transfer))?.shop ?? null;
    case "payout.created":
    case "payout.updated":
    case "payout.paid":
    case "payout.failed":
    case "payout.canceled":
      if (!event.accountId) return null;
      return (await prisma.creator.findUnique({ where: { stripeAccountId: event.accountId }, select: { shop: true } }))?.shop ?? null;
    default:
      return null;
  }
}

export async function applyStripeEvent(event: PaymentsEvent, shop: string, payments: Payments): Promise<void> {
  switch (event.type) {
    case "account.updated":
      // Read the account rather than trust the event's copy: an older event arriving late must not undo a newer state.
      await syncCreatorAccount(shop, event.accountId, payments);
      return;
    case "transfer.created":
    case "transfer.updated":
      await confirmTransfer(shop, event.transfer, event.created);
      return;
    case "transfer.reversed":
      await confirmTransfer(shop, event.transfer, event.created);
      await recordReversal(shop, event.transfer);
      return;
    case "payout.created":
    case "payout.updated":
    case "payout.paid":
    case "payout.failed":
    case "payout.canceled":
      if (event.accountId) await recordBankPayout(shop, event.accountId, event.payout);
      return;
    default:
      return;
  }
}

/** Found by the transfer id, or by the payout id the app put in its metadata (the event can beat the API's answer). */
async function payoutOfTransfer(transfer: TransferRecord) {
  const byTransfer = await prisma.payout.findUnique({ where: { stripeTransferId: transfer.id } });
  if (byTransfer) return byTransfer;
  const payoutId = transfer.metadata.payout_id;
  const shop = transfer.metadata.shop;
  if (!payoutId || !shop) return null;
  const payout = await prisma.payout.findFirst({ where: { id: payoutId, shop, runId: transfer.transferGroup ?? "" } });
  return payout;
}

async function confirmTransfer(shop: string, transfer: TransferRecord, at: Date) {
  const payout = await payoutOfTransfer(transfer);
  if (!payout || payout.shop !== shop) return;
  const creator = await prisma.creator.findFirst({ where: { id: payout.creatorId, shop }, select: { stripeAccountId: true } });
  if (transfer.amountMinor !== payout.amountMinor || transfer.currency !== payout.currency || transfer.destination !== creator?.stripeAccountId) {
    // Not the transfer this payout asked for: leave the payout as it is for a person to look at.
    log.warn(
      `Stripe transfer ${transfer.id} does not match payout ${payout.id} of ${shop}: ` +
        `${transfer.amountMinor} ${transfer.currency} to ${transfer.destination}, expected ${payout.amountMinor} ${payout.currency}; left unchanged`,
    );
    return;
  }
  await prisma.payout.updateMany({ where: { id: payout.id, shop, stripeTransferId: null }, data: { stripeTransferId: transfer.id } });
  await prisma.payout.updateMany({
    where: { id: payout.id, shop, status: { in: ["pending", "created"] } },
    data: { status: "paid", paidAt: at, lastError: null },
  });
  await closeSettledRuns(shop);
}

/**
 * A reversal takes money back from the creator. A full one means nothing was paid, so the
 * entries are owed again and the next run pays them; a partial one is recorded on the payout
 * for the merchant to see, and the entries stay settled.
 */
async function recordReversal(shop: string, transfer: TransferRecord) {
  const payout = await payoutOfTransfer(transfer);
  if (!payout || payout.shop !== shop) return;
  await prisma.$transaction(async (tx) => {
    await tx.payout.updateMany({
      where: { id: payout.id, shop, amountReversedMinor: { lt: transfer.amountReversedMinor } },
      data: { amountReversedMinor: transfer.amountReversedMinor },
    });
    if (!transfer.reversed) return;
    const reversed = await tx.payout.updateMany({
      where: { id: payout.id, shop, status: { in: ["pending", "created", "paid"] } },
      data: { status: "reversed", failureReason: "The transfer was reversed in Stripe; its commissions are owed again and the next run pays them." },
    });
    if (reversed.count === 1) await tx.commissionEntry.updateMany({ where: { shop, payoutId: payout.id }, data: { payoutId: null } });
  });
}

const BANK_PAYOUT_RANK: Record<string, number> = { pending: 0, in_transit: 1, paid: 2, failed: 2, canceled: 2 };

async function recordBankPayout(shop: string, accountId: string, payout: BankPayoutRecord) {
  const creator = await prisma.creator.findFirst({ where: { shop, stripeAccountId: accountId }, select: { id: true } });
  if (!creator) return;
  const fields = { amountMinor: payout.amountMinor, currency: payout.currency, status: payout.status, arrivalDate: payout.arrivalDate, failureMessage: payout.failureMessage };
  // Two events about one new payout may race: both write the row if missing, then the later status wins below.
  const existing = await prisma.creatorBankPayout.upsert({
    where: { stripePayoutId: payout.id },
    create: { shop, creatorId: creator.id, stripePayoutId: payout.id, ...fields },
    update: {},
  });
  if (existing.shop !== shop || existing.status === payout.status) return;
  if ((BANK_PAYOUT_RANK[payout.status] ?? 0) < (BANK_PAYOUT_RANK[existing.status] ?? 0)) return;
  await prisma.creatorBankPayout.update({ where: { id: existing.id }, data: fields });
}
