import { adminDocument } from "./document";

/** How many variants one LineupInventory call asks for: keeps its cost well under Shopify's 1,000 per query. */
export const LINEUP_INVENTORY_BATCH = 25;
/** Levels read per item; a shop with more locations than this is read as incomplete. */
export const LEVELS_PER_ITEM = 10;

export interface LineupInventoryResult {
  nodes: Array<{
    id: string;
    product: { id: string };
    inventoryItem: {
      id: string;
      tracked: boolean;
      inventoryLevels: {
        pageInfo: { hasNextPage: boolean };
        nodes: Array<{
          updatedAt: string;
          location: { id: string };
          quantities: Array<{ name: string; quantity: number }>;
        }>;
      };
    };
  } | Record<string, never> | null>;
}

export interface LineupInventoryVariables {
  ids: string[];
}

/** Stock of a show's variants, straight from Shopify: what reconciliation compares the cache with. */
export const LINEUP_INVENTORY = adminDocument<LineupInventoryResult, LineupInventoryVariables>(`#graphql
  query LineupInventory($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        product { id }
        inventoryItem {
          id
          tracked
          inventoryLevels(first: ${LEVELS_PER_ITEM}) {
            pageInfo { hasNextPage }
            nodes {
              updatedAt
              location { id }
              quantities(names: ["available"]) { name quantity }
            }
          }
        }
      }
    }
  }
`);

export interface OnlineLocationsResult {
  locations: {
    pageInfo: { hasNextPage: boolean };
    nodes: Array<{ id: string; fulfillsOnlineOrders: boolean; isActive: boolean }>;
  };
}

/** The shop's locations and which of them fulfil online orders: the stock a storefront can sell. */
export const ONLINE_LOCATIONS = adminDocument<OnlineLocationsResult>(`#graphql
  query OnlineLocations {
    locations(first: 250) {
      pageInfo { hasNextPage }
      nodes { id fulfillsOnlineOrders isActive }
    }
  }
`);
