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
