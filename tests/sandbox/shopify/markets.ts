// Shopify Markets, as far as prices go: each market is a group of countries buying in one
// currency. A shop has its primary market (its own country, in the shop's currency) and may
// add others priced by conversion. Shopify converts with a daily exchange rate and then rounds
// up (to .95, or to whole units) so converted prices look set by hand; the sandbox keeps the
// rate fixed so tests can name the exact price a shopper sees.
import { currencyExponent } from "./money";

export interface SandboxMarket {
  id: string; // gid://shopify/Market/N
  name: string;
  handle: string;
  primary: boolean;
  /** ISO 3166-1 alpha-2 codes; a country belongs to one market at most. */
  countries: string[];
  currencyCode: string;
  /** Units of the market's currency for one unit of the shop's. */
  exchangeRate: number;
  /**
   * Converted prices go up to the next price ending in this many minor units (95 → x.95, 0 →
   * whole units); null leaves the converted amount as it is.
   */
  roundUpToEnding: number | null;
}

export interface MarketPrice {
  amount: number; // minor units of currencyCode
  currencyCode: string;
}

function roundUp(minor: number, ending: number, currencyCode: string): number {
  // A zero-decimal currency is already in whole units.
  if (currencyExponent(currencyCode) === 0) return minor;
  const candidate = Math.floor(minor / 100) * 100 + ending;
  return candidate < minor ? candidate + 100 : candidate;
}

function sameMoney(shopCurrency: string, market: SandboxMarket): boolean {
  return market.currencyCode === shopCurrency && market.exchangeRate === 1;
}

function scaleOf(shopCurrency: string, market: SandboxMarket): number {
  return 10 ** (currencyExponent(market.currencyCode) - currencyExponent(shopCurrency));
}

/**
 * An amount in the shop's currency converted at the market's rate without the price rounding:
 * Shopify rounds converted product prices up, but converts a fixed discount amount as it is.
 */
export function convertToMarket(minor: number, shopCurrency: string, market: SandboxMarket): number {
  return sameMoney(shopCurrency, market) ? minor : Math.round(minor * market.exchangeRate * scaleOf(shopCurrency, market));
}

/** An amount the buyer paid in the market's currency, as its equivalent in the shop's (an order's shop_money). */
export function convertToShop(minor: number, shopCurrency: string, market: SandboxMarket): number {
  return sameMoney(shopCurrency, market) ? minor : Math.round(minor / market.exchangeRate / scaleOf(shopCurrency, market));
}

/** A price in the shop's currency (minor units) as the market charges it. */
export function priceInMarket(minor: number, shopCurrency: string, market: SandboxMarket): MarketPrice {
  if (sameMoney(shopCurrency, market)) return { amount: minor, currencyCode: shopCurrency };
  const converted = convertToMarket(minor, shopCurrency, market);
  const amount = market.roundUpToEnding === null ? converted : roundUp(converted, market.roundUpToEnding, market.currencyCode);
  return { amount, currencyCode: market.currencyCode };
}
