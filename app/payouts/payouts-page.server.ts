// What the merchant's payouts page shows and does: the platform balance and what a run would
// pay (with any shortfall) before the button is pressed, the runs so far, and the schedule.
import { z } from "zod";
import prisma from "~/db.server";
import { explainError } from "~/lib/explain-error.server";
import { formatMoney } from "~/lib/money";
import { formatZonedDateTime } from "~/lib/zoned-time";
import { PaymentsError } from "~/payments/stripe.server";
import { getShopSettings } from "~/shops/shops.server";
import { listPayoutRuns, previewPayoutRun, runPayouts } from "./payouts.server";
import { getPayoutSchedule, setPayoutSchedule } from "./scheduled.server";

export interface PayoutPreview {
  balance: { currency: string; availableMinor: number; pendingMinor: number }[];
  toPay: { creatorId: string; creatorName: string; amountMinor: number; currency: string }[];
  waiting: { creatorId: string; creatorName: string; amountMinor: number; currency: string; reason: string }[];
  shortfall: { currency: string; owedMinor: number; availableMinor: number; shortMinor: number }[];
}

export async function getPayoutsPage(shop: string, now = new Date()) {
  const { timezone } = await getShopSettings(shop);
  let preview: PayoutPreview | null = null;
  let previewError: string | null = null;
  try {
    const { balance, plan } = await previewPayoutRun(shop, now);
    preview = {
      balance,
      toPay: plan.decisions.flatMap((decision) =>
        decision.kind === "pay"
          ? [{ creatorId: decision.creator.id, creatorName: decision.creator.name, amountMinor: decision.amountMinor, currency: decision.balance.currency }]
          : [],
      ),
      waiting: plan.decisions.flatMap((decision) =>
        decision.kind === "skip"
          ? [{ creatorId: decision.balance.creatorId, creatorName: decision.creator?.name ?? "A removed creator", amountMinor: decision.balance.balanceMinor, currency: decision.balance.currency, reason: decision.reason }]
          : [],
      ),
      shortfall: plan.shortfall,
    };
  } catch (error) {
    // The card says Stripe could not be reached: anything else is the page's own failure.
    if (!(error instanceof PaymentsError)) throw error;
    previewError = `${explainError(error, { shop })} The balance and what a run would pay cannot be shown right now.`;
  }
  const runs = (await listPayoutRuns(shop)).map((run) => ({
    ...run,
    startedAtLabel: formatZonedDateTime(new Date(run.startedAt), timezone),
  }));
  const awaitingStripe = await prisma.payout.count({ where: { shop, status: "pending" } });
  return { preview, previewError, runs, awaitingStripe, schedule: await getPayoutSchedule(shop), timezone };
}

export const payoutsCommand = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("run") }),
  z.object({ intent: z.literal("schedule"), schedule: z.enum(["manual", "weekly"], { error: "Choose manual or weekly payouts" }) }),
]);

export interface PayoutsCommandResult {
  ok: boolean;
  message: string;
}

export async function runPayoutsCommand(shop: string, command: z.output<typeof payoutsCommand>): Promise<PayoutsCommandResult> {
  if (command.intent === "schedule") {
    await setPayoutSchedule(shop, command.schedule);
    return { ok: true, message: command.schedule === "weekly" ? "Payouts now run every week." : "Payouts run only when you press the button." };
  }
  try {
    const report = await runPayouts({ shop, trigger: "manual" });
    if (report.outcome === "busy") return { ok: false, message: "A payout run is already under way for your shop. Reload this page in a minute to see it." };
    const sent = report.payouts.filter((payout) => payout.status === "created" || payout.status === "paid");
    const unknown = report.payouts.filter((payout) => payout.status === "pending");
    const failed = report.payouts.filter((payout) => payout.status === "failed");
    const parts = [
      sent.length > 0 ? `Sent ${sent.map((payout) => formatMoney(payout.amountMinor, payout.currency)).join(", ")} to ${sent.length} ${sent.length === 1 ? "creator" : "creators"}.` : "Nothing was sent.",
      report.skipped.length > 0 ? `${report.skipped.length} ${report.skipped.length === 1 ? "balance waits" : "balances wait"}; see why below.` : "",
      failed.length > 0 ? `Stripe refused ${failed.length}; their commissions go into the next run.` : "",
      unknown.length > 0 ? `${unknown.length} did not get an answer from Stripe; run payouts again to finish them (nobody is paid twice).` : "",
    ];
    return { ok: failed.length === 0 && unknown.length === 0, message: parts.filter(Boolean).join(" ") };
  } catch (error) {
    return { ok: false, message: explainError(error, { shop, intent: command.intent }) };
  }
}
