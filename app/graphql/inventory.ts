import type { LineupInventoryQuery, LineupInventoryQueryVariables, OnlineLocationsQuery } from "~/types/admin.generated";
import { adminDocument } from "./document";

/** How many variants one LineupInventory call asks for: keeps its cost well under Shopify's 1,000 per query. */
export const LINEUP_INVENTORY_BATCH = 25;
/** Levels read per item; a shop with more locations than this is read as incomplete. */
export const LEVELS_PER_ITEM = 10;

export type LineupInventoryResult = LineupInventoryQuery;
export type LineupInventoryVariables = LineupInventoryQueryVariables;

/** Stock of a show's variants, straight from Shopify: what reconciliation compares the cache with. */
export const LINEUP_INVENTORY = adminDocument<LineupInventoryQuery, LineupInventoryQueryVariables>(`#graphql
  query LineupInventory($ids: [ID!]!, $levelsPerItem: Int!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        product { id }
        inventoryItem {
          id
          tracked
          inventoryLevels(first: $levelsPerItem) {
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

/** The shop's locations and which of them fulfil online orders: the stock a storefront can sell. */
export const ONLINE_LOCATIONS = adminDocument<OnlineLocationsQuery>(`#graphql
  query OnlineLocations {
    locations(first: 250) {
      pageInfo { hasNextPage }
      nodes { id fulfillsOnlineOrders isActive }
    }
  }
`);
