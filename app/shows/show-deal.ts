// The show deal as the form and the control room speak of it, shared by browser and server.
import { formatMoney, MoneyFormatError, parseMinorUnits } from "~/lib/money";

export type DealKind = "percentage" | "fixed_amount";

export class DealAmountError extends Error {
  override name = "DealAmountError";
}

/** "12.5" → 1250 basis points, in integers so no float ever reaches the discount. */
export function percentToBasisPoints(percent: string): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(percent.trim());
  if (!match) throw new DealAmountError("Enter a percentage like 20 or 12.5");
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > 2) throw new DealAmountError("Use at most two decimals for a percentage");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** What the merchant typed, in basis points (percentage) or minor units of the shop's currency. */
export function dealValue(kind: DealKind, amount: string, currency: string): number {
  if (kind === "percentage") return percentToBasisPoints(amount);
  try {
    return parseMinorUnits(amount.trim(), currency);
  } catch (error) {
    if (error instanceof MoneyFormatError) throw new DealAmountError(`Enter an amount of ${currency} like 5 or 4.50, with at most the decimals ${currency} has`);
    throw error;
  }
}

export const MAX_DEAL_CODE_LENGTH = 40;

/**
 * Shoppers type the code they hear on the stream, so it keeps to letters, digits and dashes,
 * within Shopify's rules for codes (no spaces, at most 255 characters; ours are shorter to say).
 */
export const DEAL_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]*$/;

/** "Winter knits: live!" → "WINTER-KNITS-LIVE", the code the form suggests. */
export function suggestDealCode(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words.slice(0, MAX_DEAL_CODE_LENGTH).replace(/-+$/, "");
}

/**
 * A fixed amount at or above the cheapest lineup price makes that product free (Shopify caps the
 * discount at the price): allowed, since it may be the point, but the merchant is told.
 */
export function fixedAmountWarning(amountMinor: number, lineupPricesMinor: number[], currency: string): string | null {
  if (!lineupPricesMinor.length) return null;
  const cheapest = Math.min(...lineupPricesMinor);
  if (amountMinor < cheapest) return null;
  return `The cheapest product in the lineup costs ${formatMoney(cheapest, currency)}: this deal makes it free.`;
}
