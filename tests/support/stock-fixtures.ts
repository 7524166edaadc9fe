// A shop with a show whose lineup holds known variants, and signed inventory webhooks for it,
// for the stock and realtime tests.
import { randomUUID } from "node:crypto";
import prisma from "~/db.server";
import { recordVariantInventory } from "~/inventory/stock.server";
import { fromNow, shifted, type Offset } from "./clock";
import { sendShopifyWebhook } from "./shopify-webhook";

// Past Number.MAX_SAFE_INTEGER, as Shopify's ids may be: nothing may round them.
let nextId = 9_007_199_254_740_993n + BigInt(Math.floor(Math.random() * 1e9)) * 1000n;
export const bigId = () => String((nextId += 2n));

export interface StockFixture {
  shop: string;
  showId: string;
  productId: string;
  locationId: string;
  /** levelDigits: the number in the level's InventoryLevel GID, its own id as in Shopify (not the location's). */
  variants: Array<{ variantId: string; inventoryItemId: string; itemDigits: string; levelDigits: string }>;
  origin: string;
  /** Shopify's updated_at of the seeded levels, half a day ago: a level webhook is newer when it is later. */
  seededAt: Date;
}

export async function seedShowWithStock({
  status = "live",
  mode = "public",
  variants = 2,
  available = 10,
}: { status?: string; mode?: string; variants?: number; available?: number } = {}): Promise<StockFixture> {
  const shop = `stock-${randomUUID().slice(0, 8)}.myshopify.com`;
  const origin = `https://${shop.replace(".myshopify.com", "")}.example`;
  const productId = `gid://shopify/Product/${bigId()}`;
  const locationId = `gid://shopify/Location/${bigId()}`;
  const seededAt = fromNow({ hours: -12 });
  await prisma.shop.create({ data: { domain: shop, storefrontOrigins: `${origin}, https://other.example` } });
  const show = await prisma.show.create({
    data: { shop, title: "Flash sale", startsAt: new Date(), status, mode, products: { create: [{ shop, productId, title: "Scarf", position: 0 }] } },
  });
  const seeded: StockFixture["variants"] = [];
  for (let index = 0; index < variants; index++) {
    const itemDigits = bigId();
    const variant = { variantId: `gid://shopify/ProductVariant/${bigId()}`, inventoryItemId: `gid://shopify/InventoryItem/${itemDigits}`, itemDigits };
    await recordVariantInventory(shop, {
      ...variant,
      productId,
      tracked: true,
      levels: [{ locationId, available, updatedAt: seededAt }],
    });
    seeded.push({ ...variant, levelDigits: bigId() });
  }
  return { shop, showId: show.id, productId, locationId, variants: seeded, origin, seededAt };
}

/** An updated_at `offset` after the seeded levels' (ISO, UTC), for a webhook that changes them. */
export function afterSeed(fixture: Pick<StockFixture, "seededAt">, offset: Offset): string {
  return shifted(fixture.seededAt, offset).toISOString();
}

/**
 * The body Shopify sends for inventory_levels/update of the fixture's location, ids written digit
 * for digit: the location in location_id, the level's own id in its GID.
 */
export function inventoryLevelBody(fixture: StockFixture, itemDigits: string, available: number | null, updatedAt: string): string {
  const locationDigits = fixture.locationId.split("/").pop() as string;
  const levelDigits = fixture.variants.find((variant) => variant.itemDigits === itemDigits)?.levelDigits;
  if (!levelDigits) throw new Error(`inventoryLevelBody: item ${itemDigits} is not one of the fixture's`);
  return (
    `{"inventory_item_id":${itemDigits},"location_id":${locationDigits},"available":${available === null ? "null" : available},` +
    `"updated_at":"${updatedAt}","admin_graphql_api_id":"gid://shopify/InventoryLevel/${levelDigits}?inventory_item_id=${itemDigits}"}`
  );
}

/** Shopify's signed inventory_levels/update for the fixture's `variant`-th variant, delivered to the app at `appUrl`. */
export function sendLevelUpdate(appUrl: string, fixture: StockFixture, variant: number, available: number | null, updatedAt: string, eventId?: string): Promise<Response> {
  const { itemDigits } = fixture.variants[variant] as StockFixture["variants"][number];
  return sendShopifyWebhook(appUrl, { topic: "inventory_levels/update", shop: fixture.shop, body: inventoryLevelBody(fixture, itemDigits, available, updatedAt), eventId });
}

export function streamUrl(appUrl: string, fixture: Pick<StockFixture, "shop" | "showId">, extra = ""): string {
  return `${appUrl}/realtime/shows/${fixture.showId}?shop=${fixture.shop}${extra}`;
}
