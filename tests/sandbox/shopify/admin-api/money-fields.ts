// Money as the Admin API writes it: the Money scalar is a fixed-decimal string ("199.00");
// Decimal (MoneyV2.amount) is written the way Shopify's Ruby BigDecimal prints it ("199.0",
// "199.5"), so an app that assumes two decimals is caught here rather than in production.
import { toDecimalString } from "../money";

export function moneyScalar(minor: number, currency: string): string {
  return toDecimalString(minor, currency);
}

export function decimalScalar(minor: number, currency: string): string {
  const fixed = toDecimalString(minor, currency);
  if (!fixed.includes(".")) return `${fixed}.0`;
  return fixed.replace(/0+$/, "").replace(/\.$/, ".0");
}

export function moneyV2(minor: number, currency: string) {
  return { amount: decimalScalar(minor, currency), currencyCode: currency };
}

/** `presentment`: what the buyer paid in their currency, when it was not the shop's. */
export function moneyBag(minor: number, currency: string, presentment: { amount: number; currency: string } = { amount: minor, currency }) {
  return { shopMoney: moneyV2(minor, currency), presentmentMoney: moneyV2(presentment.amount, presentment.currency) };
}
