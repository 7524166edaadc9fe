// Money for commissions: integer minor units beside an ISO 4217 currency code, never floats.
// Shopify's REST payloads carry amounts as decimal strings ("199.00"); they are read digit by
// digit into minor units here, so 0.1 + 0.2 never enters a creator's earnings.
//
// The rounding rule, used by every function below that divides:
//   round half away from zero, on the exact integer quotient (BigInt arithmetic).
// Why this rule: it is what a person checking a statement by hand, or in a spreadsheet
// (ROUND in Excel, Sheets and Numbers), does, so every line of a creator's statement can be
// reproduced without our code; and on a tie the creator gets the minor unit rather than the
// merchant, which is the fair side to err on for the person who is paid a share. Ties are rare
// (an amount × rate ending in exactly 5,000 ten-thousandths of a minor unit) and cost at most
// one minor unit per line. Negative amounts round symmetrically, so commissionFor(-a) is
// exactly -commissionFor(a).
//
// Clawbacks never round on their own: the clawed-back total after n of q units are refunded
// is proportionalShare(earned, n, q), and each refund takes the difference from the previous
// total (clawbackFor). A full refund therefore cancels the earning exactly, and the sum of any
// sequence of partial refunds never exceeds it.
//
// Transfers to creators follow a second rule, Stripe's: in the three-decimal currencies it
// supports (BHD, JOD, KWD, OMR, TND) a transfer's amount must be a multiple of 10 minor units
// (the last decimal 0). A payout there is rounded DOWN to a multiple of 10, never up (the
// platform must not pay what was not earned, and a transfer never asks for money the ledger
// does not hold); the remainder, at most 9 minor units, stays owed and joins the creator's next
// payout in that currency (payouts/plan.ts). Zero-decimal currencies need no step: JPY and the
// like are whole units already, and ISK and UGX, which Stripe counts in hundredths, are sent
// multiplied by 100 (payments/stripe.server.ts), so they are always whole units to Stripe. The
// hundreds Stripe wants for HUF and TWD apply to bank payouts, which the app does not make.

/** ISO 4217 minor-unit exponents that are not 2. Any other well-formed code has 2 decimals. */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const BASIS_POINTS_IN_WHOLE = 10_000;

export class MoneyFormatError extends Error {
  override name = "MoneyFormatError";
}

/** Currencies whose transfers Stripe takes in steps of 10 minor units (see the rule above). */
const STRIPE_TEN_MINOR_UNIT_STEP = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

/** The step, in minor units, of an amount Stripe accepts as a transfer: 10 for KWD, 1 for EUR. */
export function stripeTransferStep(currency: string): number {
  return STRIPE_TEN_MINOR_UNIT_STEP.has(currency) ? 10 : 1;
}

/** Every currency whose transfers have a step above 1: the only ones where a payout can leave a remainder. */
export const STEPPED_TRANSFER_CURRENCIES: readonly string[] = [...STRIPE_TEN_MINOR_UNIT_STEP];

/** The most Stripe can transfer out of `minor` (rounded down to the step): 12345 KWD → 12340, 12345 EUR → 12345. */
export function transferableMinor(minor: number, currency: string): number {
  assertMinorUnits(minor, "amount");
  const step = stripeTransferStep(currency);
  return minor - (((minor % step) + step) % step);
}

/** The number of decimals of a currency's minor unit: JPY 0, EUR 2, KWD 3. */
export function currencyExponent(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new MoneyFormatError(`${JSON.stringify(currency)} is not an ISO 4217 currency code`);
  return EXPONENT_EXCEPTIONS[currency] ?? 2;
}

/**
 * "199.00" EUR → 19900; "1990" JPY → 1990; "1.250" KWD → 1250. Extra decimals are accepted
 * only when they are zeros ("1990.00" JPY), because Shopify pads some currencies that way.
 */
export function parseMinorUnits(decimal: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new MoneyFormatError(`${JSON.stringify(decimal)} is not a decimal amount of ${currency}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (/[1-9]/.test(fraction.slice(exponent))) {
    throw new MoneyFormatError(`${decimal} has more decimals than ${currency} allows (${exponent})`);
  }
  const magnitude = BigInt(whole + fraction.slice(0, exponent).padEnd(exponent, "0"));
  return toSafeNumber(sign === "-" ? -magnitude : magnitude, `${decimal} ${currency}`);
}

/**
 * 19900 EUR → "199.00"; -5 EUR → "-0.05"; 1990 JPY → "1990". For machines: CSV cells and the
 * decimal strings Shopify's and Stripe's APIs take. What people read goes through formatMoney.
 */
export function formatMinorUnits(minor: number, currency: string): string {
  assertMinorUnits(minor, "amount");
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(digits.length - exponent)}`;
  return `${minor < 0 ? "-" : ""}${whole}${fraction}`;
}

/**
 * An amount as every page of the admin and the creator portal shows it: the currency's exact
 * decimals, a space, the ISO 4217 code. 179800 SEK → "1798.00 SEK"; -8990 SEK → "-89.90 SEK";
 * 1990 JPY → "1990 JPY"; 12345 KWD → "12.345 KWD".
 *
 * One rule for every amount, whatever its currency: the plan is in USD, Stripe balances and
 * creator earnings can be in several currencies on one page, so the shop's money format (which
 * exists for the shop's currency only) cannot be it. The code, not a symbol, because "$" or "kr"
 * names several currencies. Plain digits, no Intl: the text is the same on the server and in the
 * browser (no hydration mismatch, no ICU version drift), and it reads like the statement and its
 * CSV. The storefront is another surface with its own rule (storefront/money-format.ts).
 */
export function formatMoney(minor: number, currency: string): string {
  return `${formatMinorUnits(minor, currency)} ${currency}`;
}

/** A commission rate is whole basis points from 0 (nothing) to 10000 (the whole amount). */
export function isCommissionRate(bps: number): boolean {
  return Number.isInteger(bps) && bps >= 0 && bps <= BASIS_POINTS_IN_WHOLE;
}

/** The commission on an amount at a rate in basis points (1000 = 10%), rounded by the rule above. */
export function commissionFor(amountMinor: number, bps: number): number {
  assertMinorUnits(amountMinor, "amount");
  if (!isCommissionRate(bps)) throw new RangeError(`A commission rate must be whole basis points from 0 to 10000, not ${bps}`);
  return roundedQuotient(BigInt(amountMinor) * BigInt(bps), BigInt(BASIS_POINTS_IN_WHOLE));
}

/** totalMinor × units / ofUnits, rounded by the rule above: the share of a line that `units` of its `ofUnits` carry. */
export function proportionalShare(totalMinor: number, units: number, ofUnits: number): number {
  assertMinorUnits(totalMinor, "amount");
  if (!Number.isSafeInteger(ofUnits) || ofUnits <= 0) throw new RangeError(`A line must have a positive whole quantity, not ${ofUnits}`);
  if (!Number.isSafeInteger(units) || units < 0 || units > ofUnits) {
    throw new RangeError(`A share must be between 0 and ${ofUnits} units, not ${units}`);
  }
  return roundedQuotient(BigInt(totalMinor) * BigInt(units), BigInt(ofUnits));
}

export interface ClawbackShareInput {
  /** What the line earned (or its sales amount), in minor units. */
  earnedMinor: number;
  /** The line's quantity when it was earned. */
  lineQuantity: number;
  /** Units of the line refunded by earlier refunds. */
  refundedBefore: number;
  /** Units this refund returns; anything beyond the line's remaining quantity is ignored. */
  refundedNow: number;
}

/**
 * How much of an earning a refund takes back, as a positive number of minor units: the
 * difference between the cumulative shares after and before it, so that refunds of all units,
 * in any number of steps, take back exactly what was earned and never more.
 */
export function clawbackFor({ earnedMinor, lineQuantity, refundedBefore, refundedNow }: ClawbackShareInput): number {
  const before = Math.min(Math.max(refundedBefore, 0), lineQuantity);
  const after = Math.min(before + Math.max(refundedNow, 0), lineQuantity);
  return proportionalShare(earnedMinor, after, lineQuantity) - proportionalShare(earnedMinor, before, lineQuantity);
}

/** numerator / denominator (denominator > 0), rounded half away from zero. */
function roundedQuotient(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator; // BigInt division truncates toward zero
  const remainder = numerator % denominator; // and the remainder takes the numerator's sign
  const magnitude = remainder < 0n ? -remainder : remainder;
  const rounded = 2n * magnitude >= denominator ? quotient + (numerator < 0n ? -1n : 1n) : quotient;
  return toSafeNumber(rounded, "the result");
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyFormatError(`${what} is beyond the amounts this app can hold exactly`);
  }
  return value === 0n ? 0 : Number(value); // no -0: it would print as "-0.00"
}

function assertMinorUnits(value: number, what: string) {
  if (!Number.isSafeInteger(value)) throw new RangeError(`The ${what} must be a whole number of minor units, not ${value}`);
}
