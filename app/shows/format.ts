/**
 * Dates are formatted on the server in the shop's timezone: the admin shows the time the
 * merchant planned in, and the server and the browser render the same text (no hydration drift).
 */
export function formatShowTime(instant: Date, timeZone: string, locale = "en"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(instant);
}
