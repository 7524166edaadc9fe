// Times in tests come from here, never typed as calendar dates: a typed date passes into history
// and the test that planned a show on it starts failing. Everything is relative to the clock the
// suite runs under (CI also runs it with the clock moved +400 days), or to a fixed instant the
// test names once and passes to the code under test.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface Offset {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

function offsetMs({ days = 0, hours = 0, minutes = 0, seconds = 0 }: Offset): number {
  return days * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS + seconds * 1000;
}

/** `from` moved by the offset (negative for the past). */
export function shifted(from: Date, offset: Offset): Date {
  return new Date(from.getTime() + offsetMs(offset));
}

/** Now moved by the offset: `fromNow({ days: 2 })`, `fromNow({ minutes: -30 })`. */
export function fromNow(offset: Offset): Date {
  return shifted(new Date(), offset);
}

/**
 * A whole UTC hour some days from now (18:00 UTC by default), for tests that need a round,
 * readable time in the future without caring which day it is.
 */
export function futureUtcHour(daysAhead: number, hour = 18): Date {
  const day = shifted(new Date(), { days: daysAhead });
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour));
}

/** The instant as the wall-clock "YYYY-MM-DDTHH:mm" of a datetime-local field in the zone. */
export function wallClock(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The same wall clock in UTC ("YYYY-MM-DDTHH:mm"), for forms of shops whose timezone is UTC. */
export function utcWallClock(instant: Date): string {
  return instant.toISOString().slice(0, 16);
}

/**
 * The wall clock "YYYY-MM-DDTHH:mm" at `time` ("19:30") on the zone's calendar day some days from
 * now: a round local time to type into a form, as a merchant would, without naming the day.
 */
export function futureWallClock(daysAhead: number, time: string, timeZone: string): string {
  if (!/^\d{2}:\d{2}$/.test(time)) throw new Error(`futureWallClock takes a time like "19:30", not ${JSON.stringify(time)}`);
  return `${wallClock(fromNow({ days: daysAhead }), timeZone).slice(0, 10)}T${time}`;
}

/**
 * The instant a wall clock "YYYY-MM-DDTHH:mm" names in the zone: what a test expects the app to
 * store for a time typed into a form, computed with Intl rather than with the app's code. Not for
 * the hour a DST change skips or repeats.
 */
export function zonedInstant(local: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) throw new Error(`zonedInstant takes "YYYY-MM-DDTHH:mm", not ${JSON.stringify(local)}`);
  const wanted = Date.parse(`${local}:00Z`);
  // Start from the wall clock read as UTC, and move by what the zone shows there until it shows `local`.
  let guess = wanted;
  for (let step = 0; step < 3; step++) {
    const shown = Date.parse(`${wallClock(new Date(guess), timeZone)}:00Z`);
    if (shown === wanted) return new Date(guess);
    guess += wanted - shown;
  }
  throw new Error(`${local} does not exist in ${timeZone} (a DST change skips it)`);
}

/** The date without its milliseconds, for times that travel as whole seconds (Shopify's REST timestamps, iCalendar, token expiries). */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
