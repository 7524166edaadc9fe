// The scheduled entry point: a scheduler (cron, a platform's scheduled job) calls it as often
// as it likes; shops that chose weekly payouts get a run once a week. The whole pass holds one
// lease, so two instances (or two overlapping cron calls) never both decide a shop is due.
import prisma from "~/db.server";
import type { Payments } from "~/payments/stripe.server";
import { withLease } from "~/jobs/lease.server";
import { runPayouts, type PayoutRunReport } from "./payouts.server";
import { log } from "~/lib/log.server";

const WEEK_MS = 7 * 86_400_000;
// A weekly run may start a little early, so a daily cron at a fixed hour keeps the same weekday.
const SLACK_MS = 2 * 3_600_000;

export interface ScheduledPass {
  ran: boolean;
  shops: { shop: string; report: PayoutRunReport | null; error: string | null }[];
}

export async function runScheduledPayouts(now = new Date(), payments?: Payments): Promise<ScheduledPass> {
  const outcome = await withLease("payouts:schedule", 30 * 60_000, async () => {
    const pass: ScheduledPass = { ran: true, shops: [] };
    for (const shop of await weeklyPayoutShops()) {
      const last = await prisma.payoutRun.findFirst({ where: { shop, trigger: "scheduled" }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
      if (last && now.getTime() - last.startedAt.getTime() < WEEK_MS - SLACK_MS) continue;
      try {
        pass.shops.push({ shop, report: await runPayouts({ shop, now, trigger: "scheduled", payments }), error: null });
      } catch (error) {
        // One shop's trouble (Stripe unreachable, a bad row) must not stop the others' payouts.
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`Scheduled payout run failed for ${shop}: ${message}`);
        pass.shops.push({ shop, report: null, error: message });
      }
    }
    return pass;
  });
  return outcome.ran ? outcome.value : { ran: false, shops: [] };
}

/** Shops that chose weekly payouts and still have the app: an uninstalled shop is paid by nobody. */
export async function weeklyPayoutShops(): Promise<string[]> {
  const shops = await prisma.shop.findMany({ where: { payoutSchedule: "weekly", uninstalledAt: null }, select: { domain: true } });
  return shops.map(({ domain }) => domain);
}

export async function setPayoutSchedule(shop: string, schedule: "manual" | "weekly") {
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, payoutSchedule: schedule }, update: { payoutSchedule: schedule } });
}

export async function getPayoutSchedule(shop: string): Promise<"manual" | "weekly"> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { payoutSchedule: true } });
  return row?.payoutSchedule === "weekly" ? "weekly" : "manual";
}
