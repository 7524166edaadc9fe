import { describe, expect, it } from "vitest";
import { formatCalendarMonth, formatZonedDate, formatZonedDateTime, formatZonedTime, utcToZonedLocal, zonedLocalToUtc } from "./zoned-time";

describe("zoned time", () => {
  it("converts a Stockholm winter time (UTC+1) and back", () => {
    const instant = zonedLocalToUtc("2026-12-01T18:00", "Europe/Stockholm"); // fixed instant: winter time in Stockholm
    expect(instant.toISOString()).toBe("2026-12-01T17:00:00.000Z"); // fixed instant: winter time in Stockholm
    expect(utcToZonedLocal(instant, "Europe/Stockholm")).toBe("2026-12-01T18:00"); // fixed instant: winter time in Stockholm
  });

  it("converts a Stockholm summer time (UTC+2)", () => {
    expect(zonedLocalToUtc("2026-07-01T18:00", "Europe/Stockholm").toISOString()).toBe("2026-07-01T16:00:00.000Z"); // fixed instant: summer time in Stockholm
  });

  it("handles zones west of UTC and the day boundary", () => {
    expect(zonedLocalToUtc("2026-12-01T20:30", "America/New_York").toISOString()).toBe("2026-12-02T01:30:00.000Z"); // fixed instant: an evening in New York that is the next day in UTC
  });

  it("rejects a malformed value with the expected shape", () => {
    expect(() => zonedLocalToUtc("tomorrow", "UTC")).toThrow(/like \d{4}-\d{2}-\d{2}T\d{2}:\d{2}, got "tomorrow"/);
  });
});

describe("dates and times as people read them", () => {
  it("writes an instant on the shop's wall clock across a DST change, not the server's", () => {
    // Stockholm moves from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
    const before = new Date(Date.UTC(2026, 2, 29, 0, 30)); // fixed instant: half an hour before Stockholm's spring DST change
    const after = new Date(Date.UTC(2026, 2, 29, 1, 30)); // fixed instant: half an hour after it
    expect(formatZonedDateTime(before, "Europe/Stockholm")).toBe("Mar 29, 2026, 1:30 AM"); // fixed instant: as above
    expect(formatZonedDateTime(after, "Europe/Stockholm")).toBe("Mar 29, 2026, 3:30 AM"); // fixed instant: as above
    expect(formatZonedTime(after, "Europe/Stockholm")).toBe("3:30 AM");
    // The same instant is still the evening before in New York (UTC-4 by then).
    expect(formatZonedDate(after, "America/New_York")).toBe("Mar 28, 2026"); // fixed instant: as above
    expect(formatZonedTime(after, "America/New_York")).toBe("9:30 PM");
  });

  it("agrees with the wall clock a merchant typed, in any zone", () => {
    for (const zone of ["UTC", "Europe/Stockholm", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"]) {
      const now = new Date();
      const local = utcToZonedLocal(now, zone); // "YYYY-MM-DDTHH:mm" on the zone's wall clock
      const hour = Number(local.slice(11, 13));
      expect(formatZonedTime(now, zone)).toBe(`${hour % 12 || 12}:${local.slice(14, 16)} ${hour < 12 ? "AM" : "PM"}`);
      expect(formatZonedDateTime(now, zone)).toBe(`${formatZonedDate(now, zone)}, ${formatZonedTime(now, zone)}`);
      expect(formatZonedDate(now, zone)).toMatch(new RegExp(`^[A-Z][a-z]{2} ${Number(local.slice(8, 10))}, ${local.slice(0, 4)}$`));
    }
  });

  it("names a month of the shop's calendar", () => {
    expect(formatCalendarMonth("2026-12")).toBe("December 2026"); // fixed instant: a calendar month, the same in every zone
    expect(formatCalendarMonth("2027-01")).toBe("January 2027"); // fixed instant: as above
    expect(() => formatCalendarMonth("2026-1")).toThrow(/like 2026-12/);
  });
});
