import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { futureUtcHour, shifted } from "../../tests/support/clock";
import { calendarFileName, escapeText, foldLine, showCalendar } from "./ics";

/** iCalendar's UTC date-time, YYYYMMDDTHHMMSSZ, built from the instant's fields rather than ics.ts's own formatting. */
function icsUtc(instant: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const date = `${instant.getUTCFullYear()}${two(instant.getUTCMonth() + 1)}${two(instant.getUTCDate())}`;
  return `${date}T${two(instant.getUTCHours())}${two(instant.getUTCMinutes())}${two(instant.getUTCSeconds())}Z`;
}

const show = {
  id: "cm123",
  shop: "northwind-demo.myshopify.com",
  shopName: "Northwind Outfitters",
  title: "Winter knits; wool, and more",
  description: "Astrid shows the new season.\nAsk anything.",
  startsAt: futureUtcHour(9, 17),
  durationMinutes: 45,
  url: "https://northwind.example/pages/live",
};

describe("showCalendar", () => {
  it("is one event in UTC with escaped text, a link and an alarm, in CRLF lines", () => {
    // Milliseconds the stamp must drop: iCalendar times are whole seconds.
    const stampedAt = new Date();
    stampedAt.setUTCMilliseconds(123);
    const ics = showCalendar(show, stampedAt);
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(lines).toContain("UID:cm123@northwind-demo.myshopify.com");
    expect(lines).toContain(`DTSTAMP:${icsUtc(stampedAt)}`);
    expect(lines).toContain(`DTSTART:${icsUtc(show.startsAt)}`);
    expect(lines).toContain(`DTEND:${icsUtc(shifted(show.startsAt, { minutes: 45 }))}`);
    expect(lines).toContain("SUMMARY:Winter knits\\; wool\\, and more – Northwind Outfitters");
    expect(lines).toContain("URL:https://northwind.example/pages/live");
    expect(lines).toContain("TRIGGER:-PT15M");
    expect(ics.replace(/\r\n /g, "")).toContain("DESCRIPTION:Astrid shows the new season.\\nAsk anything.\\n\\nWatch live: https://northwind.example/pages/live");
    expect(ics).not.toMatch(/[^\r]\n/);
  });

  it("leaves the link out when the page is unknown", () => {
    const ics = showCalendar({ ...show, url: null, description: "" });
    expect(ics).not.toMatch(/^URL:/m);
    // Only the alarm's own description is left.
    expect(ics.match(/^DESCRIPTION:/gm)).toHaveLength(1);
  });
});

describe("foldLine", () => {
  it("keeps every physical line within 75 octets without splitting a character, and unfolds to the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`;
        const folded = foldLine(line);
        for (const physical of folded.split("\r\n")) expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(line);
      }),
    );
  });
});

describe("calendarFileName", () => {
  it("is a plain slug", () => {
    expect(calendarFileName("Höstens stickat: Live!")).toBe("hostens-stickat-live.ics");
    expect(calendarFileName("★★★")).toBe("live-show.ics");
  });
});
