// Prices in the shop's own money format (Shop.moneyFormat, e.g. "{{amount_with_comma_separator}} kr"),
// written from integer minor units so the storefront player shows exactly what the theme's
// `money` filter shows. Shopify's storefront counts in hundredths whatever the currency, so a
// zero-decimal currency's 1990 JPY is 199000 "cents" here, as in the theme.
import { currencyExponent } from "~/lib/money";

interface AmountStyle {
  decimals: 0 | 2;
  thousands: string;
  decimal: string;
}

/** The placeholders Shopify documents, with how each writes 1134.65. */
const STYLES: Record<string, AmountStyle> = {
  amount: { decimals: 2, thousands: ",", decimal: "." }, // 1,134.65
  amount_no_decimals: { decimals: 0, thousands: ",", decimal: "." }, // 1,135
  amount_with_comma_separator: { decimals: 2, thousands: ".", decimal: "," }, // 1.134,65
  amount_no_decimals_with_comma_separator: { decimals: 0, thousands: ".", decimal: "," }, // 1.135
  amount_with_apostrophe_separator: { decimals: 2, thousands: "'", decimal: "." }, // 1'134.65
  amount_no_decimals_with_space_separator: { decimals: 0, thousands: " ", decimal: "" }, // 1 135
  amount_with_space_separator: { decimals: 2, thousands: " ", decimal: "," }, // 1 134,65
  amount_with_period_and_space_separator: { decimals: 2, thousands: " ", decimal: "." }, // 1 134.65
};

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/;

/** Money formats may carry markup (`<span class=money>`) and entities (`&euro;`): the player writes text. */
const ENTITIES: Record<string, string> = { amp: "&", nbsp: "\u00a0", euro: "€", pound: "£", yen: "¥", quot: '"', apos: "'", lt: "<", gt: ">" };

function plainText(format: string): string {
  return format
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

function writeAmount(cents: number, style: AmountStyle): string {
  const units = style.decimals === 0 ? Math.floor((cents + 50) / 100) : Math.floor(cents / 100);
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, style.thousands);
  return style.decimals === 0 ? grouped : `${grouped}${style.decimal}${String(cents % 100).padStart(2, "0")}`;
}

function assertWholeMinorUnits(minor: number, currency: string): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`A price must be whole minor units of ${currency}, not ${minor}`);
}

/**
 * 113465 minor units of SEK in "{{amount_with_comma_separator}} kr" → "1.134,65 kr". A negative
 * amount puts its sign before the whole format, as Shopify does.
 */
export function formatShopMoney(minor: number, currency: string, moneyFormat: string): string {
  assertWholeMinorUnits(minor, currency);
  // Three-decimal currencies (KWD) are shown to the hundredth, as Shopify's storefront shows them.
  const cents = Math.round(Math.abs(minor) * 10 ** (2 - currencyExponent(currency)));
  const format = plainText(moneyFormat);
  const written = PLACEHOLDER.test(format)
    ? format.replace(PLACEHOLDER, (whole, name: string) => {
        const style = STYLES[name];
        return style ? writeAmount(cents, style) : whole;
      })
    : `${writeAmount(cents, STYLES.amount as AmountStyle)} ${currency}`;
  return minor < 0 ? `-${written}` : written;
}

/**
 * A price in a currency other than the shop's (a market's), written with that currency's own
 * conventions in the storefront's language: 1006880 SEK is "10 068,80 kr" in sv, "SEK 10,068.80"
 * in en. Not the shop's money format: that format belongs to the shop's currency (it often
 * carries its symbol, "€{{amount}}"), and Shopify's storefront writes every other currency in
 * that currency's own format, which Intl knows (symbol, decimals, the language's separators).
 */
export function formatMarketMoney(minor: number, currency: string, locale: string): string {
  assertWholeMinorUnits(minor, currency);
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(minor / 10 ** exponent);
}
