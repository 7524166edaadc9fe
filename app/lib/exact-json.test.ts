import { describe, expect, it } from "vitest";
import { idDigits, parseJsonExact } from "./exact-json";

describe("parseJsonExact", () => {
  it("keeps the digits of integers past 2^53 and leaves other numbers alone", () => {
    const parsed = parseJsonExact('{"id":90071992547409931,"small":12,"price":1.5,"nested":[{"x":18446744073709551615}]}');
    expect(parsed).toEqual({ id: "90071992547409931", small: 12, price: 1.5, nested: [{ x: "18446744073709551615" }] });
    // What plain JSON.parse would have made of it:
    expect(String(JSON.parse('{"id":90071992547409931}').id)).not.toBe("90071992547409931");
  });

  it("reads id digits from a safe number or a digit string only", () => {
    expect(idDigits(12)).toBe("12");
    expect(idDigits("90071992547409931")).toBe("90071992547409931");
    expect(idDigits(-1)).toBeNull();
    expect(idDigits(1.5)).toBeNull();
    expect(idDigits(undefined)).toBeNull();
  });
});
