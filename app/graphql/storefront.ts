import { adminDocument } from "./document";

/** Products per LineupCatalog call: 5 × 50 variants keeps the query's cost well under Shopify's 1,000. */
export const LINEUP_CATALOG_BATCH = 5;
/** Variants read per product; a product with more is shown with these (pageInfo says so). */
export const LINEUP_VARIANTS_PER_PRODUCT = 50;

export interface LineupCatalogProduct {
  id: string;
  title: string;
  handle: string;
  status: "ACTIVE" | "ARCHIVED" | "DRAFT" | "UNLISTED";
  featuredMedia: { preview: { image: { url: string; altText: string | null } | null } | null } | null;
  variants: {
    pageInfo: { hasNextPage: boolean };
    nodes: Array<{
      id: string;
      title: string;
      price: string;
      compareAtPrice: string | null;
      availableForSale: boolean;
      selectedOptions: Array<{ name: string; value: string }>;
      image: { url: string; altText: string | null } | null;
    }>;
  };
}

export interface LineupCatalogResult {
  nodes: Array<LineupCatalogProduct | Record<string, never> | null>;
}

export interface LineupCatalogVariables {
  ids: string[];
}

/** What the storefront player shows of a show's products: titles, images, variants and prices. */
export const LINEUP_CATALOG = adminDocument<LineupCatalogResult, LineupCatalogVariables>(`#graphql
  query LineupCatalog($ids: [ID!]!) {
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
        variants(first: ${LINEUP_VARIANTS_PER_PRODUCT}) {
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

export interface MarketMoney {
  amount: string;
  currencyCode: string;
}

export interface LineupMarketPricesProduct {
  id: string;
  variants: {
    nodes: Array<{
      id: string;
      contextualPricing: { price: MarketMoney; compareAtPrice: MarketMoney | null };
    }>;
  };
}

export interface LineupMarketPricesResult {
  nodes: Array<LineupMarketPricesProduct | Record<string, never> | null>;
}

export interface LineupMarketPricesVariables {
  ids: string[];
  /** ISO 3166-1 alpha-2, a CountryCode enum value. */
  country: string;
}

/**
 * The lineup's prices for a buyer in `country`: the prices of the market that country belongs
 * to, in that market's currency, as Shopify's cart and checkout will charge them.
 */
export const LINEUP_MARKET_PRICES = adminDocument<LineupMarketPricesResult, LineupMarketPricesVariables>(`#graphql
  query LineupMarketPrices($ids: [ID!]!, $country: CountryCode!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        variants(first: ${LINEUP_VARIANTS_PER_PRODUCT}) {
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
