import { describe, expect, it } from "vitest";
import { monthGrid, shiftMonth } from "./calendar";

describe("monthGrid", () => {
  it("lays December 2026 out in Monday-first weeks with the shows on their days", () => {
    const weeks = monthGrid("2026-12", [
      { id: "b", title: "Late", localStart: "2026-12-01T20:00" },
      { id: "a", title: "Early", localStart: "2026-12-01T09:30" },
      { id: "c", title: "New year", localStart: "2027-01-02T12:00" },
    ]);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toMatchObject({ date: "2026-11-30", inMonth: false });
    expect(weeks[0]![1]).toMatchObject({ date: "2026-12-01", inMonth: true, shows: [{ id: "a", time: "09:30" }, { id: "b", time: "20:00" }] });
    expect(weeks[4]![6]).toMatchObject({ date: "2027-01-03", inMonth: false });
    expect(weeks.flat().find((day) => day.date === "2027-01-02")?.shows).toEqual([{ id: "c", title: "New year", time: "12:00" }]);
  });

  it("moves between months across years", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });
});
