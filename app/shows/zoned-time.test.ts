import { describe, expect, it } from "vitest";
import { utcToZonedLocal, zonedLocalToUtc } from "./zoned-time";

describe("zoned time", () => {
  it("converts a Stockholm winter time (UTC+1) and back", () => {
    const instant = zonedLocalToUtc("2026-12-01T18:00", "Europe/Stockholm");
    expect(instant.toISOString()).toBe("2026-12-01T17:00:00.000Z");
    expect(utcToZonedLocal(instant, "Europe/Stockholm")).toBe("2026-12-01T18:00");
  });

  it("converts a Stockholm summer time (UTC+2)", () => {
    expect(zonedLocalToUtc("2026-07-01T18:00", "Europe/Stockholm").toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });

  it("handles zones west of UTC and the day boundary", () => {
    expect(zonedLocalToUtc("2026-12-01T20:30", "America/New_York").toISOString()).toBe("2026-12-02T01:30:00.000Z");
  });

  it("rejects a malformed value with the expected shape", () => {
    expect(() => zonedLocalToUtc("tomorrow", "UTC")).toThrow(/like 2026-12-01T18:00/);
  });
});
