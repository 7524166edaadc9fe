// The lineup's products as shoppers see them (titles, images, variants, prices in the shop's
// currency), read from the Admin API with the shop's offline session and kept briefly per lineup.
import { parseMinorUnits } from "~/lib/money";
import { LINEUP_CATALOG, LINEUP_CATALOG_BATCH, LINEUP_VARIANTS_PER_PRODUCT, type LineupCatalogProduct } from "~/graphql/storefront";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { unauthenticated } from "~/shopify.server";
import { readBriefly, type BriefCache, type BriefCachePolicy } from "./brief-cache.server";

export interface CatalogVariant {
  id: string;
  title: string;
  priceMinor: number;
  compareAtMinor: number | null;
  availableForSale: boolean;
  imageUrl: string | null;
}

export interface CatalogProduct {
  id: string;
  title: string;
  handle: string;
  image: { url: string; alt: string } | null;
  singleVariant: boolean;
  variants: CatalogVariant[];
}

export type Catalog = Map<string, CatalogProduct>;

/** Prices and titles change rarely during a show; stock does not come from here. */
export const LINEUP_CACHE_POLICY: BriefCachePolicy = { maxAgeMs: 30_000, maxEntries: 500 };

declare global {
  // One cache per process, also across Vite's module reloads in development.
  var liveShowsCatalogCache: BriefCache<Catalog> | undefined;
}

export type AdminForShop = Parameters<typeof runAdmin>[0];

export async function adminForShop(shop: string): Promise<AdminForShop> {
  return (await unauthenticated.admin(shop)).admin;
}

function toCatalogProduct(node: LineupCatalogProduct, currency: string): CatalogProduct {
  const image = node.featuredMedia?.preview?.image ?? null;
  const variants = node.variants.nodes.map((variant) => ({
    id: variant.id,
    title: variant.title,
    priceMinor: parseMinorUnits(variant.price, currency),
    compareAtMinor: variant.compareAtPrice == null ? null : parseMinorUnits(variant.compareAtPrice, currency),
    availableForSale: variant.availableForSale,
    imageUrl: variant.image?.url ?? null,
  }));
  return {
    id: node.id,
    title: node.title,
    handle: node.handle,
    image: image ? { url: image.url, alt: image.altText || node.title } : null,
    singleVariant: variants.length === 1 && variants[0]?.title === "Default Title",
    variants,
  };
}

/** `nodes` answers an empty object for an id that is not a product, and null for a deleted one. */
export function isProduct<Product extends { variants: unknown }>(node: Product | Record<string, never>): node is Product {
  return "variants" in node;
}

/** Active products only: a product unpublished or deleted in Shopify leaves the rail. */
export async function fetchLineupCatalog(admin: AdminForShop, shop: string, currency: string, productIds: readonly string[]): Promise<Catalog> {
  const catalog: Catalog = new Map();
  for (let start = 0; start < productIds.length; start += LINEUP_CATALOG_BATCH) {
    const ids = productIds.slice(start, start + LINEUP_CATALOG_BATCH);
    const { nodes } = await runAdmin(admin, shop, LINEUP_CATALOG, { ids, variantsPerProduct: LINEUP_VARIANTS_PER_PRODUCT });
    for (const node of nodes) {
      if (node && isProduct(node) && node.status === "ACTIVE") catalog.set(node.id, toCatalogProduct(node, currency));
    }
  }
  return catalog;
}

export function readLineupCatalog(shop: string, currency: string, productIds: readonly string[], now = Date.now()): Promise<Catalog> {
  const cache = (globalThis.liveShowsCatalogCache ??= new Map());
  return readBriefly(cache, `${shop} ${currency} ${productIds.join(",")}`, LINEUP_CACHE_POLICY, now, () =>
    adminForShop(shop).then((admin) => fetchLineupCatalog(admin, shop, currency, productIds)),
  );
}
