// Shopify's money filters. Amounts are minor units (cents); the shop's money formats carry one
// `{{ amount... }}` placeholder that says how the number is written (separators, decimals).

export interface MoneyFormats {
  /** e.g. "${{amount}}" or "{{amount_with_comma_separator}} €" */
  moneyFormat: string;
  /** e.g. "${{amount}} USD" */
  moneyWithCurrencyFormat: string;
}

function groupDigits(integer: string, thousands: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
}

/** Writes a non-negative amount of cents. */
function writeAmount(cents: number, decimals: number, thousands: string, decimal: string): string {
  const fixed = (Math.round(cents) / 100).toFixed(decimals);
  const [integer = "0", fraction] = fixed.split(".");
  return `${groupDigits(integer, thousands)}${fraction ? decimal + fraction : ""}`;
}

/** The placeholders Shopify documents for money formats, with how each writes 113465 cents. */
const AMOUNT_WRITERS: Record<string, (cents: number) => string> = {
  amount: (c) => writeAmount(c, 2, ",", "."), // 1,134.65
  amount_no_decimals: (c) => writeAmount(c, 0, ",", "."), // 1,135
  amount_with_comma_separator: (c) => writeAmount(c, 2, ".", ","), // 1.134,65
  amount_no_decimals_with_comma_separator: (c) => writeAmount(c, 0, ".", ","), // 1.135
  amount_with_apostrophe_separator: (c) => writeAmount(c, 2, "'", "."), // 1'134.65
  amount_no_decimals_with_space_separator: (c) => writeAmount(c, 0, " ", ""), // 1 135
  amount_with_space_separator: (c) => writeAmount(c, 2, " ", ","), // 1 134,65
  amount_with_period_and_space_separator: (c) => writeAmount(c, 2, " ", "."), // 1 134.65
};

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/;

/** A negative amount puts its minus sign before the whole format ("-$2.50"), as Shopify writes it. */
export function formatMoney(cents: number | string | null | undefined, format: string): string {
  const value = Number(cents ?? 0);
  const amount = Number.isFinite(value) ? value : 0;
  const written = format.replace(PLACEHOLDER, (whole, name: string) => AMOUNT_WRITERS[name]?.(Math.abs(amount)) ?? whole);
  return amount < 0 ? `-${written}` : written;
}

/** `money_without_currency`: the number as the shop writes it, without symbol or code. */
export function formatMoneyWithoutCurrency(cents: number | string | null | undefined, formats: MoneyFormats): string {
  const placeholder = PLACEHOLDER.exec(formats.moneyFormat)?.[0] ?? "{{amount}}";
  return formatMoney(cents, placeholder);
}

/** `money_without_trailing_zeros`: "$10" rather than "$10.00", "$10.50" stays. */
export function formatMoneyWithoutTrailingZeros(cents: number | string | null | undefined, formats: MoneyFormats): string {
  const formatted = formatMoney(cents, formats.moneyFormat);
  return Number(cents ?? 0) % 100 === 0 ? formatted.replace(/[.,]00(?!\d)/, "") : formatted;
}
