// An iCalendar file (RFC 5545) for an upcoming show, so a shopper's own calendar reminds them:
// one event with the show's time in UTC and an alarm a quarter of an hour before.

export interface CalendarShow {
  id: string;
  shop: string;
  shopName: string;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  /** The storefront page that plays the show, when known. */
  url: string | null;
}

export const REMINDER_MINUTES_BEFORE = 15;

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** 20261201T170000Z */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character
 * (RFC 5545 §3.1), so "Göteborg" survives calendars that count bytes.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function showCalendar(show: CalendarShow, now: Date = new Date()): string {
  const endsAt = new Date(show.startsAt.getTime() + show.durationMinutes * 60_000);
  const summary = `${show.title} – ${show.shopName}`;
  const description = [show.description.trim(), show.url ? `Watch live: ${show.url}` : ""].filter(Boolean).join("\n\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Live Shows//Storefront//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${show.id}@${show.shop}`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART:${utcStamp(show.startsAt)}`,
    `DTEND:${utcStamp(endsAt)}`,
    `SUMMARY:${escapeText(summary)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(show.url ? [`URL:${show.url}`] : []),
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(summary)}`,
    `TRIGGER:-PT${REMINDER_MINUTES_BEFORE}M`,
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

/** A file name a shopper recognises: "winter-knits.ics". */
export function calendarFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "live-show"}.ics`;
}
