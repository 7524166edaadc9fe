import { describe, expect, it } from "vitest";
import { utcToZonedLocal, zonedLocalToUtc } from "./zoned-time";

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
