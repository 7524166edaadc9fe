// The benchmark's shop: one installed shop with a live public show whose lineup holds a few
// products, and a larger catalog the show does not list (most inventory webhooks a shop gets
// are for those). Ids are Shopify GIDs past Number.MAX_SAFE_INTEGER, as real ones may be.
// Deterministic, so every configuration and both sides of each comparison see the same shop.
import { createHmac } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { createDriverAdapter } from "../../../app/db/driver-adapter.server";
import { SANDBOX_API_VERSION, sandboxShopify } from "../../sandbox/config";

export const BENCH_SHOP = "bench-shop.myshopify.com";
export const BENCH_ORIGIN = "https://bench-shop.example";
export const BENCH_SHOW_ID = "bench-live-show";
/** The first updated_at the seed writes; every benchmark level is later than this. */
export const SEEDED_AT = new Date("2026-11-01T00:00:00Z"); // fixed so every run seeds the same shop; only the order of updated_at matters, never today

const BASE = 9_007_199_254_740_993n;
const gid = (type: string, offset: bigint) => `gid://shopify/${type}/${BASE + offset}`;

export interface CatalogItem {
  productId: string;
  variantId: string;
  /** The inventory item's digits (webhook bodies carry them bare, GIDs in the level's id). */
  itemDigits: string;
  inventoryItemId: string;
}

export const LOCATIONS = [0n, 1n, 2n].map((index) => gid("Location", 100n + index));
export const locationDigits = (location: string) => location.split("/").pop() as string;

function item(product: bigint, variant: bigint): CatalogItem {
  const itemDigits = String(BASE + 3_000_000n + product * 10n + variant);
  return {
    productId: gid("Product", 1_000_000n + product),
    variantId: gid("ProductVariant", 2_000_000n + product * 10n + variant),
    itemDigits,
    inventoryItemId: `gid://shopify/InventoryItem/${itemDigits}`,
  };
}

/** The show's lineup: 4 products of 3 variants. The first variant is the one the fan-out moves. */
export const LINEUP: CatalogItem[] = [0n, 1n, 2n, 3n].flatMap((product) => [0n, 1n, 2n].map((variant) => item(product, variant)));
/** Inventory items of products no show lists: 400 products of 3 variants. */
export const OTHER_ITEMS: CatalogItem[] = Array.from({ length: 400 }, (_, product) => [0n, 1n, 2n].map((variant) => item(BigInt(100 + product), variant))).flat();

export const FANOUT_ITEM = LINEUP[0] as CatalogItem;

/**
 * Seeds the shop (installed: an offline session), the live show and the lineup's stock. On
 * PostgreSQL the caller passes a client for it (tests/faults/fault-database.ts); it is disconnected after.
 */
export async function seedBenchShop(databaseUrl: string, client?: PrismaClient) {
  // Loaded here, not at the top: the bench generates the SQLite client first if the last test
  // run left a PostgreSQL one behind, and a client loaded before that would stay PostgreSQL's.
  const prisma = client ?? new (await import("@prisma/client")).PrismaClient({ adapter: createDriverAdapter(databaseUrl) });
  try {
    await prisma.shop.create({ data: { domain: BENCH_SHOP, name: "Bench Outfitters", storefrontOrigins: BENCH_ORIGIN } });
    await prisma.session.create({
      data: {
        id: `offline_${BENCH_SHOP}`,
        shop: BENCH_SHOP,
        state: "",
        isOnline: false,
        scope: "read_products,read_inventory,read_orders,write_discounts,read_locations",
        accessToken: "shpat_bench_offline_token",
      },
    });
    const products = [...new Set(LINEUP.map((entry) => entry.productId))];
    await prisma.show.create({
      data: {
        id: BENCH_SHOW_ID,
        shop: BENCH_SHOP,
        title: "Flash sale, live",
        startsAt: new Date(),
        status: "live",
        mode: "public",
        wentLiveAt: new Date(),
        products: { create: products.map((productId, position) => ({ shop: BENCH_SHOP, productId, title: `Product ${position + 1}`, position })) },
      },
    });
    for (const entry of LINEUP) {
      // The fan-out's variant is stocked at one location, so its total is the level it is sent.
      const locations = entry === FANOUT_ITEM ? LOCATIONS.slice(0, 1) : LOCATIONS;
      await prisma.variantStock.create({
        data: { shop: BENCH_SHOP, variantId: entry.variantId, productId: entry.productId, inventoryItemId: entry.inventoryItemId, tracked: true, available: 10 * locations.length },
      });
      for (const locationId of locations) {
        await prisma.inventoryLevel.create({
          data: { shop: BENCH_SHOP, inventoryItemId: entry.inventoryItemId, locationId, available: 10, sourceUpdatedAt: SEEDED_AT },
        });
      }
    }
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * The body Shopify sends for inventory_levels/update, ids written digit for digit: the location
 * in location_id, and in the level's GID the level's own id (one per item and location), as in
 * Shopify, not the location's.
 */
export function inventoryLevelBody(entry: CatalogItem, locationId: string, available: number, updatedAt: Date): string {
  const location = locationDigits(locationId);
  const level = BigInt(entry.itemDigits) * 10n + BigInt(LOCATIONS.indexOf(locationId));
  return (
    `{"inventory_item_id":${entry.itemDigits},"location_id":${location},"available":${available},` +
    `"updated_at":"${updatedAt.toISOString()}","admin_graphql_api_id":"gid://shopify/InventoryLevel/${level}?inventory_item_id=${entry.itemDigits}"}`
  );
}

export const WEBHOOK_SECRET = sandboxShopify.apiSecret;

/** Headers of a Shopify webhook delivery, signed with the app secret as Shopify signs them. */
export function webhookHeaders(topic: string, body: string, eventId: string, webhookId = eventId): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-shopify-topic": topic,
    "x-shopify-hmac-sha256": createHmac("sha256", WEBHOOK_SECRET).update(body).digest("base64"),
    "x-shopify-shop-domain": BENCH_SHOP,
    "x-shopify-api-version": SANDBOX_API_VERSION,
    "x-shopify-webhook-id": webhookId,
    "x-shopify-event-id": eventId,
    "x-shopify-triggered-at": new Date().toISOString(),
  };
}
