import { describe, expect, it } from "vitest";
import { DealAmountError, dealValue, fixedAmountWarning, suggestDealCode } from "./show-deal";

describe("suggestDealCode", () => {
  it("turns a title into a code shoppers can type", () => {
    expect(suggestDealCode("Winter knits: live!")).toBe("WINTER-KNITS-LIVE");
    expect(suggestDealCode("Crème brûlée night")).toBe("CREME-BRULEE-NIGHT");
    expect(suggestDealCode("  ")).toBe("");
    expect(suggestDealCode("A very long title for a show that goes on and on forever")).toBe("A-VERY-LONG-TITLE-FOR-A-SHOW-THAT-GOES-O");
  });
});

describe("dealValue", () => {
  it("reads percentages and amounts digit by digit, never through floats", () => {
    expect(dealValue("percentage", "0.29", "EUR")).toBe(29);
    expect(dealValue("fixed_amount", "0.29", "EUR")).toBe(29);
    expect(dealValue("fixed_amount", "1.005", "KWD")).toBe(1005);
    expect(dealValue("fixed_amount", "1990", "JPY")).toBe(1990);
    expect(() => dealValue("fixed_amount", "1,50", "EUR")).toThrow(DealAmountError);
  });
});

describe("fixedAmountWarning", () => {
  it("warns only when the amount would make a lineup product free", () => {
    expect(fixedAmountWarning(1000, [2500, 1999], "EUR")).toBeNull();
    expect(fixedAmountWarning(1999, [2500, 1999], "EUR")).toBe("The cheapest product in the lineup costs 19.99 EUR: this deal makes it free.");
    expect(fixedAmountWarning(1999, [], "EUR")).toBeNull();
  });
});
