/**
 * Merchants type start times in their shop's timezone; the database keeps UTC.
 * Intl knows every zone's offsets, so the offset at that wall-clock time is read from it.
 */
function offsetMinutesAt(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2026-12-01T18:00" in Europe/Stockholm → the UTC instant. Throws on a malformed value. */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const match = LOCAL.exec(local);
  if (!match) throw new Error(`Expected a date and time like 2026-12-01T18:00, got "${local}"`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset across a DST change between the guess and the answer.
  let instant = new Date(wallAsUtc - offsetMinutesAt(new Date(wallAsUtc), timeZone) * 60_000);
  instant = new Date(wallAsUtc - offsetMinutesAt(instant, timeZone) * 60_000);
  return instant;
}

/** The UTC instant as the wall-clock "YYYY-MM-DDTHH:mm" a datetime-local field shows in the zone. */
export function utcToZonedLocal(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutesAt(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

// What people read: every date and time in the admin and the creator portal is written here, on
// the server (in a loader or an action), in the shop's timezone. Not in the server's timezone,
// and not during render with the browser's clock and zone, which would differ from the
// server-rendered page and break hydration. English, because every page of the app is.
const APP_LOCALE = "en";

const STYLES = {
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  date: { dateStyle: "medium" },
  time: { timeStyle: "short" },
  timeWithSeconds: { timeStyle: "medium" },
  month: { month: "long", year: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatIn(style: keyof typeof STYLES, instant: Date, timeZone: string): string {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(APP_LOCALE, { ...STYLES[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(instant);
}

/** "Dec 1, 2026, 6:00 PM": the instant on the wall clock of the zone. */
export function formatZonedDateTime(instant: Date, timeZone: string): string {
  return formatIn("dateTime", instant, timeZone);
}

/** "Dec 1, 2026": the instant's calendar day in the zone. */
export function formatZonedDate(instant: Date, timeZone: string): string {
  return formatIn("date", instant, timeZone);
}

/** "6:00 PM": the instant's time of day in the zone, for a time on a day the reader already knows. */
export function formatZonedTime(instant: Date, timeZone: string): string {
  return formatIn("time", instant, timeZone);
}

/** "6:00:30 PM": a moment within the next minutes, where the minute alone is too coarse (a reconnect window). */
export function formatZonedTimeWithSeconds(instant: Date, timeZone: string): string {
  return formatIn("timeWithSeconds", instant, timeZone);
}

/** "2026-12" → "December 2026": a month of the shop's calendar (not an instant, so no zone to apply). */
export function formatCalendarMonth(month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`Expected a month like 2026-12, got "${month}"`);
  return formatIn("month", new Date(`${month}-15T12:00:00Z`), "UTC");
}
