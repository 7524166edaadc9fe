import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clawbackFor, commissionFor, currencyExponent, formatMinorUnits, formatMoney, MoneyFormatError, parseMinorUnits, proportionalShare, stripeTransferStep, transferableMinor } from "./money";

describe("currency exponents (ISO 4217)", () => {
  it.each([
    ["JPY", 0],
    ["KRW", 0],
    ["EUR", 2],
    ["SEK", 2],
    ["NOK", 2],
    ["KWD", 3],
    ["BHD", 3],
    ["CLF", 4],
  ])("%s has %i decimals", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it("refuses something that is not a currency code rather than guessing", () => {
    expect(() => currencyExponent("usd")).toThrow(MoneyFormatError);
    expect(() => currencyExponent("EURO")).toThrow(/not an ISO 4217 currency code/);
  });
});

describe("parseMinorUnits", () => {
  it.each([
    ["199.00", "EUR", 19900],
    ["199.5", "EUR", 19950],
    ["199", "EUR", 19900],
    ["0.07", "USD", 7],
    ["-12.34", "USD", -1234],
    ["1990", "JPY", 1990],
    ["1990.00", "JPY", 1990],
    ["1.250", "KWD", 1250],
    ["0.005", "KWD", 5],
    ["1.25", "KWD", 1250],
    ["90071992547409.91", "USD", Number.MAX_SAFE_INTEGER],
  ])("reads %s %s as %i minor units", (decimal, currency, minor) => {
    expect(parseMinorUnits(decimal, currency)).toBe(minor);
  });

  it("reads amounts that floating point gets wrong exactly", () => {
    // 1.15 * 100 is 114.99999999999999 in floating point.
    expect(parseMinorUnits("1.15", "EUR")).toBe(115);
    expect(parseMinorUnits("4.35", "USD")).toBe(435);
    expect(parseMinorUnits("0.285", "KWD")).toBe(285);
  });

  it.each([
    ["199.005", "EUR", /more decimals than EUR allows/],
    ["1990.5", "JPY", /more decimals than JPY allows/],
    ["1.2345", "KWD", /more decimals than KWD allows/],
    ["1e3", "EUR", /not a decimal amount/],
    [" 1.00", "EUR", /not a decimal amount/],
    ["1.", "EUR", /not a decimal amount/],
    [".5", "EUR", /not a decimal amount/],
    ["+1", "EUR", /not a decimal amount/],
    ["", "EUR", /not a decimal amount/],
    ["90071992547409.92", "USD", /beyond the amounts/],
  ])("refuses %j %s", (decimal, currency, message) => {
    expect(() => parseMinorUnits(decimal, currency)).toThrow(message);
  });

  it("never yields negative zero", () => {
    expect(Object.is(parseMinorUnits("-0.00", "EUR"), 0)).toBe(true);
  });
});

describe("formatMinorUnits", () => {
  it.each([
    [19900, "EUR", "199.00"],
    [5, "EUR", "0.05"],
    [-5, "EUR", "-0.05"],
    [0, "EUR", "0.00"],
    [1990, "JPY", "1990"],
    [1250, "KWD", "1.250"],
    [7, "KWD", "0.007"],
  ])("writes %i %s as %s", (minor, currency, decimal) => {
    expect(formatMinorUnits(minor, currency)).toBe(decimal);
  });

  it("refuses a fractional number of minor units", () => {
    expect(() => formatMinorUnits(1.5, "EUR")).toThrow(/whole number of minor units/);
  });

  it("round-trips with parseMinorUnits for every amount and exponent", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("JPY", "EUR", "KWD", "CLF"), (minor, currency) => {
        expect(parseMinorUnits(formatMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});

describe("formatMoney: every amount a person reads in the admin and the portal", () => {
  it.each([
    [179800, "SEK", "1798.00 SEK"],
    [-8990, "SEK", "-89.90 SEK"],
    [0, "EUR", "0.00 EUR"],
    [1990, "JPY", "1990 JPY"],
    [12345, "KWD", "12.345 KWD"],
    [2900, "USD", "29.00 USD"],
  ])("writes %i %s as %s", (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  it("is the exact decimal and the code, for any amount in any currency: no symbol, no float, no locale", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("JPY", "EUR", "SEK", "USD", "KWD", "CLF"), (minor, currency) => {
        const [amount, code, ...rest] = formatMoney(minor, currency).split(" ");
        expect(rest).toEqual([]);
        expect(code).toBe(currency);
        expect(parseMinorUnits(amount!, currency)).toBe(minor);
      }),
    );
  });

  it("refuses what is not an amount of a currency rather than printing it", () => {
    expect(() => formatMoney(1.5, "EUR")).toThrow(/whole number of minor units/);
    expect(() => formatMoney(100, "kr")).toThrow(MoneyFormatError);
  });
});

describe("commissionFor: round half away from zero, in minor units", () => {
  it.each([
    // amount, bps, exact share in minor units, expected
    [19900, 1000, "1990", 1990],
    [12345, 1000, "1234.5 (a tie: the creator gets the unit)", 1235],
    [12344, 1000, "1234.4", 1234],
    [12346, 1000, "1234.6", 1235],
    [1, 5000, "0.5 (a tie)", 1],
    [1, 4999, "0.4999", 0],
    [3, 3333, "0.9999", 1],
    [999, 1250, "124.875", 125],
    [1990, 1500, "298.5 JPY (a tie)", 299],
    [1250, 1000, "125 fils of KWD", 125],
    [0, 1000, "0", 0],
    [19900, 0, "0", 0],
    [19900, 10000, "19900", 19900],
  ])("%i at %i bps is %s → %i", (amount, bps, _exact, expected) => {
    expect(commissionFor(amount, bps)).toBe(expected);
  });

  it("is symmetric, so a reversal of the same amount cancels exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        expect(commissionFor(-amount, bps) + commissionFor(amount, bps)).toBe(0);
      }),
    );
  });

  it("is the nearest whole minor unit to the exact share, ties going up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const exactTimesTenThousand = BigInt(amount) * BigInt(bps);
        const result = BigInt(commissionFor(amount, bps)) * 10_000n;
        const distance = result - exactTimesTenThousand;
        expect(distance > -5_000n && distance <= 5_000n).toBe(true);
      }),
    );
  });

  it("refuses rates outside 0–100% and fractional rates or amounts", () => {
    expect(() => commissionFor(100, 10_001)).toThrow(/from 0 to 10000/);
    expect(() => commissionFor(100, -1)).toThrow(/from 0 to 10000/);
    expect(() => commissionFor(100, 12.5)).toThrow(/whole basis points/);
    expect(() => commissionFor(99.5, 1000)).toThrow(/whole number of minor units/);
  });
});

describe("proportionalShare", () => {
  it("rounds the share of some units of a line by the same rule", () => {
    expect(proportionalShare(100, 1, 3)).toBe(33);
    expect(proportionalShare(100, 2, 3)).toBe(67);
    expect(proportionalShare(1, 1, 2)).toBe(1);
    expect(proportionalShare(100, 3, 3)).toBe(100);
    expect(proportionalShare(100, 0, 3)).toBe(0);
  });

  it("refuses a share outside the line", () => {
    expect(() => proportionalShare(100, 4, 3)).toThrow(/between 0 and 3 units/);
    expect(() => proportionalShare(100, 1, 0)).toThrow(/positive whole quantity/);
  });
});

describe("clawbackFor", () => {
  it("takes back the proportional share of a partial refund", () => {
    expect(clawbackFor({ earnedMinor: 1990, lineQuantity: 2, refundedBefore: 0, refundedNow: 1 })).toBe(995);
  });

  it("takes back what is left when the last unit is refunded, so a full refund in steps cancels exactly", () => {
    const earnedMinor = 100;
    const steps = [1, 1, 1].map((units, index) => clawbackFor({ earnedMinor, lineQuantity: 3, refundedBefore: index, refundedNow: units }));
    expect(steps).toEqual([33, 34, 33]);
    expect(steps.reduce((sum, step) => sum + step, 0)).toBe(earnedMinor);
  });

  it("takes back nothing more once every unit was refunded", () => {
    expect(clawbackFor({ earnedMinor: 100, lineQuantity: 3, refundedBefore: 3, refundedNow: 1 })).toBe(0);
    expect(clawbackFor({ earnedMinor: 100, lineQuantity: 3, refundedBefore: 2, refundedNow: 5 })).toBe(33);
  });

  it("never takes back more than was earned, and exactly all of it when every unit comes back", () => {
    const refundSequence = fc.integer({ min: 1, max: 50 }).chain((lineQuantity) =>
      fc.record({
        lineQuantity: fc.constant(lineQuantity),
        earnedMinor: fc.integer({ min: 0, max: 1e10 }),
        refunds: fc.array(fc.integer({ min: 1, max: lineQuantity }), { minLength: 1, maxLength: 10 }),
      }),
    );
    fc.assert(
      fc.property(refundSequence, ({ lineQuantity, earnedMinor, refunds }) => {
        let refundedBefore = 0;
        let clawedBack = 0;
        for (const refundedNow of refunds) {
          const step = clawbackFor({ earnedMinor, lineQuantity, refundedBefore, refundedNow });
          expect(step).toBeGreaterThanOrEqual(0);
          clawedBack += step;
          refundedBefore = Math.min(refundedBefore + refundedNow, lineQuantity);
          expect(clawedBack).toBeLessThanOrEqual(earnedMinor);
        }
        if (refundedBefore === lineQuantity) expect(clawedBack).toBe(earnedMinor);
      }),
    );
  });
});

describe("what Stripe can transfer", () => {
  it.each([
    [12_345, "KWD", 12_340],
    [12_340, "KWD", 12_340],
    [9, "BHD", 0],
    [1_009, "JOD", 1_000],
    [1_001, "OMR", 1_000],
    [1_019, "TND", 1_010],
    [12_345, "EUR", 12_345],
    [12_345, "JPY", 12_345],
    [12_345, "ISK", 12_345],
    [-5, "KWD", -10],
  ])("out of %i %s, %i", (minor, currency, transferable) => {
    expect(transferableMinor(minor, currency)).toBe(transferable);
  });

  it("never rounds up, and leaves less than one step behind", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom("KWD", "BHD", "EUR", "JPY"), (minor, currency) => {
        const transferable = transferableMinor(minor, currency);
        const step = stripeTransferStep(currency);
        expect(transferable % step).toBe(0);
        expect(minor - transferable).toBeGreaterThanOrEqual(0);
        expect(minor - transferable).toBeLessThan(step);
      }),
    );
  });
});
