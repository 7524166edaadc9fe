// Dates as the merchant and the creator read them, in the shop's timezone, formatted on the
// server so the page reads the same before and after hydration.
import { formatZonedDate, formatZonedDateTime } from "~/lib/zoned-time";
import type { CreatorDetail } from "./creators.server";

const at = (iso: string) => new Date(iso);

export function creatorPageDates(creator: CreatorDetail, timezone: string): Record<string, string> {
  const dates: Record<string, string> = {};
  if (creator.stripe.syncedAt) dates.stripeSyncedAt = formatZonedDateTime(at(creator.stripe.syncedAt), timezone);
  if (creator.lastSignInAt) dates.lastSignInAt = formatZonedDateTime(at(creator.lastSignInAt), timezone);
  for (const show of creator.shows) dates[`show:${show.id}`] = formatZonedDateTime(at(show.startsAt), timezone);
  for (const show of creator.assignableShows) dates[`assignable:${show.id}`] = formatZonedDateTime(at(show.startsAt), timezone);
  return dates;
}

export function portalDates(overview: { timezone: string; shows: { id: string; startsAt: string }[]; payouts: { id: string; date: string }[]; bankPayouts: { id: string; arrivalDate: string | null }[] }): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const show of overview.shows) dates[`show:${show.id}`] = formatZonedDateTime(at(show.startsAt), overview.timezone);
  for (const payout of overview.payouts) dates[`payout:${payout.id}`] = formatZonedDate(at(payout.date), overview.timezone);
  for (const payout of overview.bankPayouts) if (payout.arrivalDate) dates[`bank:${payout.id}`] = formatZonedDate(at(payout.arrivalDate), overview.timezone);
  return dates;
}
