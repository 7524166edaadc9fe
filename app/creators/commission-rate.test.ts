import { describe, expect, it } from "vitest";
import { bpsToPercent, percentToBps } from "./commission-rate";

describe("commission rates typed as percentages", () => {
  it.each([
    ["10", 1000],
    ["12.5", 1250],
    ["7,25", 725],
    ["0", 0],
    ["0.01", 1],
    ["100", 10000],
    [" 15 ", 1500],
  ])("%s %% is %i basis points", (typed, bps) => {
    expect(percentToBps(typed)).toBe(bps);
  });

  it.each(["100.01", "101", "-1", "1.234", "ten", "", "1e2"])("refuses %j", (typed) => {
    expect(percentToBps(typed)).toBeNull();
  });

  it("prints basis points back without trailing zeros", () => {
    expect([1000, 1250, 725, 1, 0, 10000].map(bpsToPercent)).toEqual(["10", "12.5", "7.25", "0.01", "0", "100"]);
  });
});
