import { describe, expect, it } from "vitest";
import { monthGrid, shiftMonth } from "./calendar";

describe("monthGrid", () => {
  // A fixed month, not the current one: monthGrid never reads the clock, and December 2026
  // starts on a Tuesday and ends its last week in the next year, which the test is about.
  it("lays December 2026 out in Monday-first weeks with the shows on their days", () => {
    const weeks = monthGrid("2026-12", [
      { id: "b", title: "Late", localStart: "2026-12-01T20:00", timeLabel: "8:00 PM" }, // fixed instant: December 2026, a Tuesday the 1st
      { id: "a", title: "Early", localStart: "2026-12-01T09:30", timeLabel: "9:30 AM" }, // fixed instant: December 2026, a Tuesday the 1st
      { id: "c", title: "New year", localStart: "2027-01-02T12:00", timeLabel: "12:00 PM" }, // fixed instant: in the grid's last week, in the next year
    ]);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toMatchObject({ date: "2026-11-30", inMonth: false }); // fixed instant: the Monday before the 1st
    expect(weeks[0]![1]).toMatchObject({ date: "2026-12-01", inMonth: true, shows: [{ id: "a", time: "9:30 AM" }, { id: "b", time: "8:00 PM" }] }); // fixed instant: the 1st
    expect(weeks[4]![6]).toMatchObject({ date: "2027-01-03", inMonth: false }); // fixed instant: the Sunday closing the grid, in the next year
    expect(weeks.flat().find((day) => day.date === "2027-01-02")?.shows).toEqual([{ id: "c", title: "New year", time: "12:00 PM" }]); // fixed instant: as above
  });

  it("moves between months across years", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });
});
