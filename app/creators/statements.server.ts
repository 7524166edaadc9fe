// A creator's statement for one month of the shop's calendar: the shows, the orders attributed
// to them, every earning and clawback with what it was computed from, the payouts, and totals
// per currency. The merchant's admin and the creator's portal show the same statement.
import { z } from "zod";
import prisma from "~/db.server";
import { getShopSettings } from "~/shops/shops.server";
import { formatCalendarMonth, utcToZonedLocal, zonedLocalToUtc } from "~/lib/zoned-time";

export const statementPeriodInput = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Pick a month such as 2026-12")
  .optional();

export interface StatementLine {
  date: string;
  kind: "earning" | "clawback";
  showId: string;
  showTitle: string;
  orderNumber: string;
  lineItemNumber: string;
  quantity: number;
  salesAmountMinor: number;
  rateBps: number;
  amountMinor: number;
  currency: string;
  state: "on hold" | "available" | "in payment" | "paid";
  maturesOn: string;
}

export interface StatementShow {
  id: string;
  title: string;
  startsAt: string;
  mode: string;
  orders: number;
  totals: { currency: string; amountMinor: number }[];
}

export interface StatementTotals {
  currency: string;
  earnedMinor: number;
  clawedBackMinor: number;
  netMinor: number;
  paidOutMinor: number;
}

export interface Statement {
  creator: { id: string; name: string; email: string };
  shopName: string;
  timezone: string;
  period: { month: string; label: string; from: string; to: string; previous: string; next: string };
  shows: StatementShow[];
  orders: number;
  lines: StatementLine[];
  payouts: { id: string; date: string; amountMinor: number; currency: string; status: string; stripeTransferId: string | null; amountReversedMinor: number }[];
  totals: StatementTotals[];
}

function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

const gidNumber = (gid: string) => /\/(\d+)(?:\?|$)/.exec(gid)?.[1] ?? gid;
const localDate = (instant: Date, timezone: string) => utcToZonedLocal(instant, timezone).replace("T", " ");

function paymentState(payoutStatus: string | undefined, maturesAt: Date, now: Date): StatementLine["state"] {
  if (payoutStatus === "pending" || payoutStatus === "created") return "in payment";
  if (payoutStatus) return "paid";
  return maturesAt.getTime() > now.getTime() ? "on hold" : "available";
}

/** Null when the creator is not in this shop. `month` defaults to the current month in the shop's timezone. */
export async function getStatement(shop: string, creatorId: string, month: string | undefined, now = new Date()): Promise<Statement | null> {
  const creator = await prisma.creator.findFirst({ where: { id: creatorId, shop }, select: { id: true, name: true, email: true } });
  if (!creator) return null;
  const settings = await getShopSettings(shop);
  const period = month ?? utcToZonedLocal(now, settings.timezone).slice(0, 7);
  const from = zonedLocalToUtc(`${period}-01T00:00`, settings.timezone);
  const to = zonedLocalToUtc(`${shiftMonth(period, 1)}-01T00:00`, settings.timezone);

  const [entries, payouts, hostedShows] = await Promise.all([
    prisma.commissionEntry.findMany({
      where: { shop, creatorId, createdAt: { gte: from, lt: to } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { payout: { select: { status: true } } },
    }),
    prisma.payout.findMany({ where: { shop, creatorId, createdAt: { gte: from, lt: to }, status: { not: "netted" } }, orderBy: { createdAt: "asc" } }),
    prisma.show.findMany({ where: { shop, creatorId, startsAt: { gte: from, lt: to } }, select: { id: true } }),
  ]);
  const showIds = [...new Set([...hostedShows.map((show) => show.id), ...entries.map((entry) => entry.showId)])];
  const shows = await prisma.show.findMany({ where: { shop, id: { in: showIds } }, orderBy: { startsAt: "asc" }, select: { id: true, title: true, startsAt: true, mode: true } });
  const titles = new Map(shows.map((show) => [show.id, show.title]));

  const lines: StatementLine[] = entries.map((entry) => ({
    date: localDate(entry.createdAt, settings.timezone),
    kind: entry.kind === "clawback" ? "clawback" : "earning",
    showId: entry.showId,
    showTitle: titles.get(entry.showId) ?? "A deleted show",
    orderNumber: gidNumber(entry.orderId),
    lineItemNumber: gidNumber(entry.lineItemId),
    quantity: entry.quantity,
    salesAmountMinor: Number(entry.salesAmountMinor),
    rateBps: entry.rateBps,
    amountMinor: entry.amountMinor,
    currency: entry.currency,
    state: paymentState(entry.payout?.status, entry.maturesAt, now),
    maturesOn: localDate(entry.maturesAt, settings.timezone).slice(0, 10),
  }));

  const totals = new Map<string, StatementTotals>();
  const totalsFor = (currency: string) => {
    const existing = totals.get(currency) ?? { currency, earnedMinor: 0, clawedBackMinor: 0, netMinor: 0, paidOutMinor: 0 };
    totals.set(currency, existing);
    return existing;
  };
  for (const line of lines) {
    const total = totalsFor(line.currency);
    if (line.kind === "earning") total.earnedMinor += line.amountMinor;
    else total.clawedBackMinor += line.amountMinor;
    total.netMinor += line.amountMinor;
  }
  for (const payout of payouts) {
    if (payout.status === "paid" || payout.status === "created") totalsFor(payout.currency).paidOutMinor += payout.amountMinor - payout.amountReversedMinor;
  }

  return {
    creator,
    shopName: settings.name,
    timezone: settings.timezone,
    period: {
      month: period,
      label: formatCalendarMonth(period),
      from: from.toISOString(),
      to: to.toISOString(),
      previous: shiftMonth(period, -1),
      next: shiftMonth(period, 1),
    },
    shows: shows.map((show) => {
      const own = lines.filter((line) => line.showId === show.id);
      const amounts = new Map<string, number>();
      for (const line of own) amounts.set(line.currency, (amounts.get(line.currency) ?? 0) + line.amountMinor);
      return {
        id: show.id,
        title: show.title,
        startsAt: localDate(show.startsAt, settings.timezone),
        mode: show.mode,
        orders: new Set(own.filter((line) => line.kind === "earning").map((line) => line.orderNumber)).size,
        totals: [...amounts.entries()].map(([currency, amountMinor]) => ({ currency, amountMinor })),
      };
    }),
    orders: new Set(lines.filter((line) => line.kind === "earning").map((line) => line.orderNumber)).size,
    lines,
    payouts: payouts.map((payout) => ({
      id: payout.id,
      date: localDate(payout.createdAt, settings.timezone),
      amountMinor: payout.amountMinor,
      currency: payout.currency,
      status: payout.status,
      stripeTransferId: payout.stripeTransferId,
      amountReversedMinor: payout.amountReversedMinor,
    })),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
