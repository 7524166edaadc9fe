import type { CountryCode } from "~/types/admin.types";
import type { LineupCatalogQuery, LineupCatalogQueryVariables, LineupMarketPricesQuery, LineupMarketPricesQueryVariables } from "~/types/admin.generated";
import { adminDocument } from "./document";

/** Products per LineupCatalog call: 5 × 50 variants keeps the query's cost well under Shopify's 1,000. */
export const LINEUP_CATALOG_BATCH = 5;
/** Variants read per product; a product with more is shown with these (pageInfo says so). */
export const LINEUP_VARIANTS_PER_PRODUCT = 50;

/** A product of the lineup as LineupCatalog reads it (the nodes that are products). */
export type LineupCatalogProduct = Extract<NonNullable<LineupCatalogQuery["nodes"][number]>, { handle: string }>;

/** What the storefront player shows of a show's products: titles, images, variants and prices. */
export const LINEUP_CATALOG = adminDocument<LineupCatalogQuery, LineupCatalogQueryVariables>(`#graphql
  query LineupCatalog($ids: [ID!]!, $variantsPerProduct: Int!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        title
        handle
        status
        featuredMedia {
          preview {
            image { url(transform: { maxWidth: 480, maxHeight: 480 }) altText }
          }
        }
        variants(first: $variantsPerProduct) {
          pageInfo { hasNextPage }
          nodes {
            id
            title
            price
            compareAtPrice
            availableForSale
            selectedOptions { name value }
            image { url(transform: { maxWidth: 480, maxHeight: 480 }) altText }
          }
        }
      }
    }
  }
`);

export type { CountryCode };

export interface MarketMoney {
  amount: string;
  currencyCode: string;
}

/**
 * The lineup's prices for a buyer in `country`: the prices of the market that country belongs
 * to, in that market's currency, as Shopify's cart and checkout will charge them.
 */
export const LINEUP_MARKET_PRICES = adminDocument<LineupMarketPricesQuery, LineupMarketPricesQueryVariables>(`#graphql
  query LineupMarketPrices($ids: [ID!]!, $country: CountryCode!, $variantsPerProduct: Int!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        variants(first: $variantsPerProduct) {
          nodes {
            id
            contextualPricing(context: { country: $country }) {
              price { amount currencyCode }
              compareAtPrice { amount currencyCode }
            }
          }
        }
      }
    }
  }
`);
