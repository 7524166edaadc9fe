// The lineup's prices for a buyer in a given country, as Shopify's cart and checkout will charge
// them: the prices of the market that country belongs to, in that market's currency (converted
// and rounded by Shopify, or set by the merchant's price list). Read with contextualPricing, kept
// briefly per shop, country and lineup; titles and images stay in the country-free catalog.
import { parseMinorUnits } from "~/lib/money";
import { LINEUP_CATALOG_BATCH, LINEUP_MARKET_PRICES, LINEUP_VARIANTS_PER_PRODUCT, type CountryCode, type MarketMoney } from "~/graphql/storefront";
import { log } from "~/lib/log.server";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { readBriefly, type BriefCache } from "./brief-cache.server";
import { LINEUP_CACHE_POLICY, adminForShop, isProduct, type AdminForShop } from "./catalog.server";

export interface MarketPrice {
  currency: string;
  priceMinor: number;
  compareAtMinor: number | null;
}

/** By variant GID. */
export type MarketPrices = Map<string, MarketPrice>;

declare global {
  // One cache per process, also across Vite's module reloads in development.
  var liveShowsMarketPriceCache: BriefCache<MarketPrices> | undefined;
}

const minorOf = (money: MarketMoney) => parseMinorUnits(money.amount, money.currencyCode);

export async function fetchLineupMarketPrices(admin: AdminForShop, shop: string, country: string, productIds: readonly string[]): Promise<MarketPrices> {
  const prices: MarketPrices = new Map();
  for (let start = 0; start < productIds.length; start += LINEUP_CATALOG_BATCH) {
    const ids = productIds.slice(start, start + LINEUP_CATALOG_BATCH);
    // The proxy input checked the shape (two capital letters); a code Shopify does not know is
    // refused by the API, and the player falls back to the shop's prices.
    const variables = { ids, country: country as CountryCode, variantsPerProduct: LINEUP_VARIANTS_PER_PRODUCT };
    const { nodes } = await runAdmin(admin, shop, LINEUP_MARKET_PRICES, variables);
    for (const node of nodes) {
      if (!node || !isProduct(node)) continue;
      for (const { id, contextualPricing } of node.variants.nodes) {
        const { price, compareAtPrice } = contextualPricing;
        prices.set(id, { currency: price.currencyCode, priceMinor: minorOf(price), compareAtMinor: compareAtPrice ? minorOf(compareAtPrice) : null });
      }
    }
  }
  return prices;
}

export function readLineupMarketPrices(shop: string, country: string, productIds: readonly string[], now = Date.now()): Promise<MarketPrices> {
  const cache = (globalThis.liveShowsMarketPriceCache ??= new Map());
  return readBriefly(cache, `${shop} ${country} ${productIds.join(",")}`, LINEUP_CACHE_POLICY, now, () =>
    adminForShop(shop).then((admin) => fetchLineupMarketPrices(admin, shop, country, productIds)),
  );
}

/**
 * The market's prices, or none (no country, or Shopify cannot give them now): the player and the
 * chat assistant then quote the shop's prices in the shop's currency (checkout converts them),
 * rather than no prices at all.
 */
export async function readMarketPricesOrShopPrices(shop: string, country: string | null, productIds: readonly string[]): Promise<MarketPrices> {
  if (!country) return new Map();
  try {
    return await readLineupMarketPrices(shop, country, productIds);
  } catch (error) {
    log.warn(`[storefront] ${shop}: market prices for ${country} unavailable, quoting the shop's prices: ${error instanceof Error ? error.message : String(error)}`);
    return new Map();
  }
}
