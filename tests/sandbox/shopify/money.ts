// Minor units ↔ Shopify's decimal money strings ("199.00"), per currency exponent.

const ZERO_DECIMAL_CURRENCIES = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "RWF"]);

export function currencyExponent(currencyCode: string): number {
  return ZERO_DECIMAL_CURRENCIES.has(currencyCode.toUpperCase()) ? 0 : 2;
}

/** 19900 SEK → "199.00"; exact for any integer (no floating point). */
export function toDecimalString(minor: number, currencyCode: string): string {
  const exponent = currencyExponent(currencyCode);
  const negative = minor < 0;
  const digits = Math.abs(Math.round(minor)).toString().padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** "199.5" SEK → 19950; throws on anything that is not a decimal amount. */
export function fromDecimalString(amount: string | number, currencyCode: string): number {
  const text = typeof amount === "number" ? amount.toString() : amount.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`Not a decimal amount: ${JSON.stringify(amount)}`);
  const exponent = currencyExponent(currencyCode);
  const fraction = (match[3] ?? "").padEnd(exponent, "0");
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    throw new Error(`${text} has more decimals than ${currencyCode} allows`);
  }
  const minor = Number(`${match[2]}${fraction.slice(0, exponent)}`);
  return match[1] === "-" ? -minor : minor;
}
