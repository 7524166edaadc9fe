import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calendarFileName, escapeText, foldLine, showCalendar } from "./ics";

const show = {
  id: "cm123",
  shop: "northwind-demo.myshopify.com",
  shopName: "Northwind Outfitters",
  title: "Winter knits; wool, and more",
  description: "Astrid shows the new season.\nAsk anything.",
  startsAt: new Date("2026-12-01T17:00:00Z"),
  durationMinutes: 45,
  url: "https://northwind.example/pages/live",
};

describe("showCalendar", () => {
  it("is one event in UTC with escaped text, a link and an alarm, in CRLF lines", () => {
    const ics = showCalendar(show, new Date("2026-11-22T20:30:05.123Z"));
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(lines).toContain("UID:cm123@northwind-demo.myshopify.com");
    expect(lines).toContain("DTSTAMP:20261122T203005Z");
    expect(lines).toContain("DTSTART:20261201T170000Z");
    expect(lines).toContain("DTEND:20261201T174500Z");
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
