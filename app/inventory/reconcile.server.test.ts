import { randomUUID } from "node:crypto";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { fromNow, shifted } from "../../tests/support/clock";
import type { LineupInventoryResult, LineupInventoryVariables } from "~/graphql/inventory";
import { getBus } from "~/realtime/bus.server";
import { showChannel } from "~/realtime/bus";
import type { RealtimeEvent, StockEventData } from "~/realtime/events";
import { fetchLineupInventory, reconcileLineupStock, syncOnlineLocations } from "./reconcile.server";
import { getOnlineLocations } from "./online-locations.server";
import { recordVariantInventory, type VariantInventory } from "./stock.server";

const LEVELS_CHANGED = fromNow({ minutes: -5 });
/** A level change a few minutes ago; `second` sets changes apart, so that a newer one is seen to be newer. */
const at = (second: number) => shifted(LEVELS_CHANGED, { seconds: second });
const PRODUCT = "gid://shopify/Product/9007199254740999";
const LOCATION = "gid://shopify/Location/1";

function variant(n: number, available: number, second = 1): VariantInventory {
  return {
    variantId: `gid://shopify/ProductVariant/${n}`,
    productId: PRODUCT,
    inventoryItemId: `gid://shopify/InventoryItem/${n}`,
    tracked: true,
    levels: [{ locationId: LOCATION, available, updatedAt: at(second) }],
  };
}

/**
 * An Admin API client answering from a function of the request, as the real one answers over
 * HTTP. (Reconciliation through the Shopify emulator is the sandbox's test.)
 */
function fakeAdmin<T>(answer: (query: string, variables: Record<string, unknown> | undefined) => T) {
  const calls: Array<Record<string, unknown> | undefined> = [];
  const graphql = async (query: string, options?: { variables?: Record<string, unknown> }) => {
    calls.push(options?.variables);
    return Response.json({ data: answer(query, options?.variables) });
  };
  // The library's client type is generic over every operation; this stub only serves plain strings.
  return { calls, admin: { graphql } as unknown as Pick<AdminApiContext, "graphql"> };
}

describe("reconcileLineupStock", () => {
  it("corrects drifted variants, publishes each correction to the show's viewers and counts the drift", async () => {
    const shop = `reconcile-${randomUUID().slice(0, 8)}.myshopify.com`;
    const show = await prisma.show.create({
      data: { shop, title: "Live", startsAt: new Date(), status: "live", products: { create: [{ shop, productId: PRODUCT, title: "Mug", position: 0 }] } },
    });
    await recordVariantInventory(shop, variant(1, 5));
    await recordVariantInventory(shop, variant(2, 5));

    const published: RealtimeEvent[] = [];
    const twoEvents = new Promise<void>((resolve) => {
      void getBus().subscribe(showChannel(show.id), (event) => {
        published.push(event);
        if (published.length === 2) resolve();
      });
    });

    // Variant 1 drifted (a webhook was lost), variant 2 did not, variant 3 is new to the cache.
    const drift = await reconcileLineupStock(shop, [variant(1, 2, 2), variant(2, 5), variant(3, 7)]);
    expect(drift).toBe(1);
    await twoEvents;
    expect(published.map((event) => [event.type, (event.data as StockEventData).variantId, (event.data as StockEventData).available])).toEqual([
      ["stock", "gid://shopify/ProductVariant/1", 2],
      ["stock", "gid://shopify/ProductVariant/3", 7],
    ]);
  });
});

describe("fetchLineupInventory", () => {
  it("reads variants in batches and maps their levels, skipping ids Shopify no longer knows", async () => {
    const ids = Array.from({ length: 30 }, (_, index) => `gid://shopify/ProductVariant/${9007199254740993n + BigInt(index)}`);
    const { admin, calls } = fakeAdmin<LineupInventoryResult>((_query, variables) => ({
      nodes: [(variables as unknown as LineupInventoryVariables).ids].flat().map((id, index) =>
        index === 0
          ? null
          : {
              id,
              product: { id: PRODUCT },
              inventoryItem: {
                id: id.replace("ProductVariant", "InventoryItem"),
                tracked: index % 2 === 0,
                inventoryLevels: {
                  pageInfo: { hasNextPage: false },
                  nodes: [{ updatedAt: at(0).toISOString(), location: { id: LOCATION }, quantities: [{ name: "available", quantity: index }] }],
                },
              },
            },
      ),
    }));
    const fetched = await fetchLineupInventory(admin, "fetch.myshopify.com", ids);
    expect(calls.map((variables) => (variables as unknown as LineupInventoryVariables).ids.length)).toEqual([25, 5]);
    expect(fetched).toHaveLength(28);
    expect(fetched[0]).toEqual({
      variantId: ids[1],
      productId: PRODUCT,
      inventoryItemId: `gid://shopify/InventoryItem/${9007199254740994n}`,
      tracked: false,
      levels: [{ locationId: LOCATION, available: 1, updatedAt: at(0) }],
      complete: true,
    });
  });
});

describe("syncOnlineLocations", () => {
  it("keeps the active locations that fulfil online orders", async () => {
    const shop = `locations-${randomUUID().slice(0, 8)}.myshopify.com`;
    const { admin } = fakeAdmin(() => ({
      locations: {
        pageInfo: { hasNextPage: false },
        nodes: [
          { id: "gid://shopify/Location/1", fulfillsOnlineOrders: true, isActive: true },
          { id: "gid://shopify/Location/2", fulfillsOnlineOrders: false, isActive: true },
          { id: "gid://shopify/Location/3", fulfillsOnlineOrders: true, isActive: false },
        ],
      },
    }));
    expect(await getOnlineLocations(shop)).toBe("all");
    expect(await syncOnlineLocations(admin, shop)).toEqual(["gid://shopify/Location/1"]);
    expect(await getOnlineLocations(shop)).toEqual(new Set(["gid://shopify/Location/1"]));
  });
});
