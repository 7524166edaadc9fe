import { describe, expect, it } from "vitest";
import { MAX_RANGE_DAYS, readReportRange } from "./report-range";

const STOCKHOLM = "Europe/Stockholm";
// The test's clock, passed to readReportRange (it never reads the real date), so the range below
// is the same whatever day the test runs. 23:30 UTC on 30 November is already 1 December in Stockholm.
const NOW = new Date("2026-11-30T23:30:00Z");
const read = (query: string, timeZone = STOCKHOLM) => readReportRange(new URLSearchParams(query), timeZone, NOW);

describe("readReportRange", () => {
  it("spans the last 30 days of the shop's calendar without dates, today included", () => {
    expect(read("")).toEqual({
      ok: true,
      range: { from: "2026-11-02", to: "2026-12-01", start: new Date("2026-11-01T23:00:00Z"), end: new Date("2026-12-01T23:00:00Z") },
    });
  });

  it("spans whole days in the shop's timezone, across a change of its UTC offset", () => {
    // Stockholm leaves summer time on 25 October 2026.
    expect(read("from=2026-10-24&to=2026-10-25")).toMatchObject({ ok: true, range: { start: new Date("2026-10-23T22:00:00Z"), end: new Date("2026-10-25T23:00:00Z") } });
    expect(read("from=2026-10-24&to=2026-10-24", "UTC")).toMatchObject({ ok: true, range: { start: new Date("2026-10-24T00:00:00Z"), end: new Date("2026-10-25T00:00:00Z") } });
  });

  it("takes a start alone as running until today", () => {
    expect(read("from=2026-11-20")).toMatchObject({ ok: true, range: { from: "2026-11-20", to: "2026-12-01" } });
  });

  it.each([
    ["from=yesterday", /such as 2026-12-01/],
    ["from=2026-02-30", /does not exist/],
    ["from=2026-12-02&to=2026-12-01", /starts \(2026-12-02\) after it ends \(2026-12-01\)/],
    ["from=2024-01-01&to=2026-01-01", new RegExp(`at most ${MAX_RANGE_DAYS} days; this range has 732`)],
  ])("refuses %s, saying why", (query, error) => {
    const parsed = read(query);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.error).toMatch(error);
  });
});
