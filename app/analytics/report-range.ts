// The overview's date range: whole days of the shop's calendar, as the merchant picks them
// (?from=2026-11-01&to=2026-11-30, both days included). Without them, the last 30 days.
import { z } from "zod";
import { utcToZonedLocal, zonedLocalToUtc } from "~/lib/zoned-time";

export const DEFAULT_RANGE_DAYS = 30;
/** A year of shows is one table; a longer range is a sign of a typo. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

export interface ReportRange {
  /** The first and last day, as the shop's calendar writes them (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The instants they span: from the first day's midnight to the midnight after the last, in the shop's timezone. */
  start: Date;
  end: Date;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a date such as 2026-12-01")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "That date does not exist");

const rangeInput = z.object({ from: day.optional(), to: day.optional() });

export type RangeParse = { ok: true; range: ReportRange } | { ok: false; error: string };

/** The range the query asks for, or what is wrong with it in words; `now` places the default. */
export function readReportRange(params: URLSearchParams, timeZone: string, now: Date): RangeParse {
  const parsed = rangeInput.safeParse({ from: params.get("from") || undefined, to: params.get("to") || undefined });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Pick dates such as 2026-12-01" };
  const today = utcToZonedLocal(now, timeZone).slice(0, 10);
  const to = parsed.data.to ?? today;
  const from = parsed.data.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) return { ok: false, error: `The range starts (${from}) after it ends (${to}); pick a start on or before the end` };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) return { ok: false, error: `Pick at most ${MAX_RANGE_DAYS} days; this range has ${days}` };
  return {
    ok: true,
    range: { from, to, start: zonedLocalToUtc(`${from}T00:00`, timeZone), end: zonedLocalToUtc(`${addDays(to, 1)}T00:00`, timeZone) },
  };
}

/** A calendar day plus whole days, on the calendar (no timezone: a day is a day). */
function addDays(dayText: string, days: number): string {
  return new Date(Date.parse(`${dayText}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
