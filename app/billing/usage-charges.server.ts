import { Prisma, type ShowUsageCharge } from "@prisma/client";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { formatMinorUnits } from "~/lib/money";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { APP_USAGE_RECORD_CREATE } from "~/graphql/billing";
import { withLease } from "~/jobs/lease.server";
import { startTicker, type Ticker } from "~/jobs/ticker";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { unauthenticated } from "~/shopify.server";
import { findActivePlan, type ActivePlan } from "./billing.server";
import { PLAN, usageChargeKey } from "~/shopify/app-plan";
import { log } from "~/lib/log.server";

const CAP_REACHED = /exceeds balance remaining/i;
const DESCRIPTION_LIMIT = 255;

type Settlement = Pick<ShowUsageCharge, "status"> & Partial<Pick<ShowUsageCharge, "usageRecordId" | "lastError">>;

/**
 * A public show went live: its charge is written down first (once per show, whatever Mux
 * redelivers), then settled with Shopify if Shopify answers now; otherwise it waits for a retry.
 */
export async function chargeForShowOnAir(shop: string, showId: string): Promise<void> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { mode: true, wentLiveAt: true } });
  if (!show || show.mode !== "public" || !show.wentLiveAt) return;
  try {
    await prisma.showUsageCharge.create({
      data: { shop, showId, idempotencyKey: usageChargeKey(showId), amountMinor: PLAN.perShowMinor, currency: PLAN.currency },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  await settlePendingCharges(shop);
}

/**
 * Sends every charge of the shop that Shopify has not confirmed. Each carries the show's
 * idempotency key, so a charge Shopify made but whose answer was lost is answered, not repeated.
 * Shopify being unreachable leaves the charges pending, with the reason, for the next attempt.
 */
export async function settlePendingCharges(shop: string, now = new Date()): Promise<{ settled: number; pending: number }> {
  const pending = await prisma.showUsageCharge.findMany({
    where: { shop, status: "pending" },
    orderBy: { createdAt: "asc" },
    include: { show: { select: { title: true } } },
  });
  if (pending.length === 0) return { settled: 0, pending: 0 };
  let admin: AdminApiContext;
  let plan: ActivePlan | null;
  try {
    const context = await unauthenticated.admin(shop);
    admin = context.admin;
    plan = await findActivePlan(shop, admin);
  } catch (error) {
    await recordFailedAttempt(shop, pending.map((charge) => charge.id), error, now);
    return { settled: 0, pending: pending.length };
  }
  let settled = 0;
  for (const charge of pending) {
    if (await settleCharge(admin, shop, plan, charge, now)) settled += 1;
  }
  return { settled, pending: pending.length - settled };
}

async function settleCharge(admin: AdminApiContext, shop: string, plan: ActivePlan | null, charge: ShowUsageCharge & { show: { title: string } }, now: Date): Promise<boolean> {
  if (!plan?.usage) {
    await settle(charge.id, now, { status: "not_billed", lastError: "The shop had no active plan with usage charges when the show went live." });
    return true;
  }
  try {
    const { appUsageRecordCreate: payload } = await runAdmin(admin, shop, APP_USAGE_RECORD_CREATE, {
      subscriptionLineItemId: plan.usage.lineItemId,
      description: `Live show: ${charge.show.title}`.slice(0, DESCRIPTION_LIMIT),
      price: { amount: formatMinorUnits(charge.amountMinor, charge.currency), currencyCode: charge.currency },
      idempotencyKey: charge.idempotencyKey,
    });
    if (payload?.appUsageRecord) {
      await settle(charge.id, now, { status: "charged", usageRecordId: payload.appUsageRecord.id, lastError: null });
      return true;
    }
    const refusal = payload?.userErrors.map((error) => error.message).join("; ") || "Shopify answered without a usage record";
    if (CAP_REACHED.test(refusal)) {
      // The show stays on air: past the cap it is simply not charged this period.
      await settle(charge.id, now, { status: "capped", lastError: refusal });
      return true;
    }
    log.warn(`[billing] ${shop} show ${charge.showId}: Shopify refused the usage charge: ${refusal}`);
    await settle(charge.id, now, { status: "not_billed", lastError: refusal });
    return true;
  } catch (error) {
    if (error instanceof Response) throw error;
    await recordFailedAttempt(shop, [charge.id], error, now);
    return false;
  }
}

async function settle(id: string, now: Date, settlement: Settlement) {
  // Settling runs race (Mux's webhook, the plan page, the scheduler), and a run that read the
  // charge as pending may hear a different answer later (the plan cancelled meanwhile): the first
  // answer written stands, so a charge Shopify made is never turned into one it did not.
  await prisma.showUsageCharge.updateMany({
    where: { id, status: "pending" },
    data: { ...settlement, settledAt: now, lastAttemptAt: now, attempts: { increment: 1 } },
  });
}

async function recordFailedAttempt(shop: string, ids: string[], error: unknown, now: Date) {
  const reason = error instanceof Error ? error.message : String(error);
  log.warn(`[billing] ${shop}: usage charge not confirmed by Shopify, will retry: ${reason}`);
  await prisma.showUsageCharge.updateMany({ where: { id: { in: ids }, status: "pending" }, data: { lastError: reason, lastAttemptAt: now, attempts: { increment: 1 } } });
}

export interface SettlementPass {
  ran: boolean;
  shops: string[];
  failed: { shop: string; error: string }[];
}

/**
 * Shops with a charge still pending, leaving out uninstalled ones: they have no token to charge
 * with and no subscription to charge, so their charges wait for the merchant to come back.
 */
export async function shopsWithPendingCharges(): Promise<string[]> {
  const pending = await prisma.showUsageCharge.findMany({ where: { status: "pending" }, distinct: ["shop"], select: { shop: true } });
  const gone = await prisma.shop.findMany({ where: { domain: { in: pending.map(({ shop }) => shop) }, uninstalledAt: { not: null } }, select: { domain: true } });
  const skipped = new Set(gone.map(({ domain }) => domain));
  return pending.map(({ shop }) => shop).filter((shop) => !skipped.has(shop));
}

/** The scheduler's pass: every installed shop with a charge still pending, once across instances. */
export async function settleAllPendingCharges({ settleShop = settlePendingCharges } = {}): Promise<SettlementPass> {
  const outcome = await withLease("billing:usage-charges", 10 * 60_000, async () => {
    const shops = await shopsWithPendingCharges();
    const failed: SettlementPass["failed"] = [];
    for (const shop of shops) {
      try {
        await settleShop(shop);
      } catch (error) {
        // One shop's trouble (its token revoked, a database hiccup) must not leave every other
        // shop's charges unbilled; its charges stay pending for the next pass.
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`[billing] ${shop}: settling pending usage charges failed, will retry: ${message}`);
        failed.push({ shop, error: message });
      }
    }
    return { shops, failed };
  });
  return outcome.ran ? { ran: true, ...outcome.value } : { ran: false, shops: [], failed: [] };
}

let ticker: Ticker | null = null;

/**
 * Retries pending charges from this process, for deployments without a scheduler calling
 * /jobs/usage-charges; the pass's lease keeps it to one instance at a time.
 */
export function startUsageChargeRetries(): void {
  if (ticker) return;
  ticker = startTicker("usage charges", env().USAGE_CHARGE_RETRY_SECONDS * 1000, () => settleAllPendingCharges());
}

export async function stopUsageChargeRetries(): Promise<void> {
  const stopping = ticker;
  ticker = null;
  await stopping?.stop();
}
