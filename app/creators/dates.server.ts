// Dates as the merchant reads them, in the shop's timezone, formatted on the server so the
// page reads the same before and after hydration.
import { utcToZonedLocal } from "~/shows/zoned-time";
import type { CreatorDetail } from "./creators.server";

export function localDateTime(iso: string | Date, timezone: string): string {
  return utcToZonedLocal(typeof iso === "string" ? new Date(iso) : iso, timezone).replace("T", " ");
}

export function creatorPageDates(creator: CreatorDetail, timezone: string): Record<string, string> {
  const dates: Record<string, string> = {};
  if (creator.stripe.syncedAt) dates.stripeSyncedAt = localDateTime(creator.stripe.syncedAt, timezone);
  if (creator.lastSignInAt) dates.lastSignInAt = localDateTime(creator.lastSignInAt, timezone);
  for (const show of creator.shows) dates[`show:${show.id}`] = localDateTime(show.startsAt, timezone);
  for (const show of creator.assignableShows) dates[`assignable:${show.id}`] = localDateTime(show.startsAt, timezone);
  return dates;
}

export function portalDates(overview: { timezone: string; shows: { id: string; startsAt: string }[]; payouts: { id: string; date: string }[]; bankPayouts: { id: string; arrivalDate: string | null }[] }): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const show of overview.shows) dates[`show:${show.id}`] = localDateTime(show.startsAt, overview.timezone);
  for (const payout of overview.payouts) dates[`payout:${payout.id}`] = localDateTime(payout.date, overview.timezone).slice(0, 10);
  for (const payout of overview.bankPayouts) if (payout.arrivalDate) dates[`bank:${payout.id}`] = localDateTime(payout.arrivalDate, overview.timezone).slice(0, 10);
  return dates;
}
