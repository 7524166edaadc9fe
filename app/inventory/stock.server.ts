// The stock cache in the database: levels per inventory item and location, applied only when
// newer (Shopify delivers in no particular order), and each variant's available total over the
// locations that sell online. The rules themselves are in levels.ts.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import type { StockEventData } from "~/realtime/events";
import { isInStock, totalAvailable, type TieRule } from "./levels";
import { getOnlineLocations } from "./online-locations.server";

export interface InventoryLevelInput {
  inventoryItemId: string;
  locationId: string;
  available: number;
  updatedAt: Date;
}

export interface VariantStockRow {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  tracked: boolean;
  available: number;
}

const variantStockFields = { variantId: true, productId: true, inventoryItemId: true, tracked: true, available: true } as const;

/** The stored rows that levels.ts `supersedes` would replace, as a database filter: the same rule. */
function supersededBy(level: InventoryLevelInput, tie: TieRule): Prisma.InventoryLevelWhereInput[] {
  return [
    { sourceUpdatedAt: { lt: level.updatedAt } },
    {
      sourceUpdatedAt: level.updatedAt,
      available: tie === "lower-wins" ? { gt: level.available } : { not: level.available },
    },
  ];
}

/**
 * Stores a level if it is newer than the stored one for its item and location (see TieRule for
 * equal timestamps). Answers whether it was stored. Race-safe across instances: the comparison
 * happens inside the UPDATE's WHERE, and a row created by a concurrent delivery is re-checked.
 */
export async function applyInventoryLevel(shop: string, level: InventoryLevelInput, tie: TieRule = "lower-wins"): Promise<boolean> {
  const { inventoryItemId, locationId, available, updatedAt } = level;
  const update = () =>
    prisma.inventoryLevel.updateMany({
      where: { shop, inventoryItemId, locationId, OR: supersededBy(level, tie) },
      data: { available, sourceUpdatedAt: updatedAt },
    });
  if ((await update()).count > 0) return true;
  try {
    await prisma.inventoryLevel.create({ data: { shop, inventoryItemId, locationId, available, sourceUpdatedAt: updatedAt } });
    return true;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    // The row exists: it was newer all along, or a concurrent delivery created it just now.
    return (await update()).count > 0;
  }
}

export interface RecomputeResult {
  /** Every variant of the item (normally one), with its total after the recompute. */
  variants: VariantStockRow[];
  changed: boolean;
}

/**
 * Sets the item's variants' available total from the stored levels. Two recomputes of one item
 * may run at once from different reads (two deliveries, two instances), so the write is repeated
 * until a pass finds nothing to change: that pass read the levels after the last write, so the
 * stored total equals their sum.
 */
export async function recomputeVariantStock(shop: string, inventoryItemId: string): Promise<RecomputeResult> {
  const variants = await prisma.variantStock.findMany({ where: { shop, inventoryItemId }, select: variantStockFields });
  // Most of a shop's items are in no lineup: nothing to recompute.
  if (!variants.length) return { variants, changed: false };
  const online = await getOnlineLocations(shop);
  let total: number;
  let changed = false;
  for (let pass = 1; ; pass++) {
    const levels = await prisma.inventoryLevel.findMany({ where: { shop, inventoryItemId }, select: { locationId: true, available: true } });
    total = totalAvailable(levels, online);
    const { count } = await prisma.variantStock.updateMany({
      where: { shop, inventoryItemId, available: { not: total } },
      data: { available: total },
    });
    if (count === 0) break;
    changed = true;
    if (pass === 10) throw new Error(`The stock of ${inventoryItemId} (${shop}) kept changing during its recompute; the next update settles it`);
  }
  return { variants: variants.map((variant) => ({ ...variant, available: total })), changed };
}

/** inventory_items/update: whether the item tracks inventory (an untracked one is always available). */
export async function applyInventoryItemTracked(shop: string, inventoryItemId: string, tracked: boolean): Promise<VariantStockRow[]> {
  const { count } = await prisma.variantStock.updateMany({ where: { shop, inventoryItemId, tracked: !tracked }, data: { tracked } });
  if (!count) return [];
  return prisma.variantStock.findMany({ where: { shop, inventoryItemId }, select: variantStockFields });
}

export interface VariantInventory {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  tracked: boolean;
  levels: Array<{ locationId: string; available: number; updatedAt: Date }>;
  /** False when the Admin API had more levels than were read: stored levels elsewhere are kept. */
  complete?: boolean;
}

export interface RecordedVariant {
  before: VariantStockRow | null;
  after: VariantStockRow;
}

/**
 * Records what the Admin API says about a variant: its product and inventory item, whether it
 * tracks inventory, and its levels. Called when a show's lineup is saved and by reconciliation.
 * The read is the state at the moment it was made, so it beats a stored level with the same
 * timestamp; a webhook newer than the read still wins.
 */
export async function recordVariantInventory(shop: string, variant: VariantInventory): Promise<RecordedVariant> {
  const { variantId, productId, inventoryItemId, tracked } = variant;
  const key = { shop_variantId: { shop, variantId } };
  const before = await prisma.variantStock.findUnique({ where: key, select: variantStockFields });
  await prisma.variantStock.upsert({
    where: key,
    create: { shop, variantId, productId, inventoryItemId, tracked },
    update: { productId, inventoryItemId, tracked },
  });
  for (const level of variant.levels) {
    await applyInventoryLevel(shop, { inventoryItemId, ...level }, "incoming-wins");
  }
  if (variant.complete !== false) {
    // Levels Shopify no longer reports (the item was removed from a location) stop counting.
    await prisma.inventoryLevel.deleteMany({
      where: { shop, inventoryItemId, locationId: { notIn: variant.levels.map((level) => level.locationId) } },
    });
  }
  const { variants } = await recomputeVariantStock(shop, inventoryItemId);
  const after = variants.find((row) => row.variantId === variantId);
  if (!after) throw new Error(`Variant ${variantId} of ${shop} vanished while its stock was recorded`);
  return { before, after };
}

export function toStockEvent(row: Pick<VariantStockRow, "variantId" | "productId" | "tracked" | "available">): StockEventData {
  return {
    variantId: row.variantId,
    productId: row.productId,
    available: row.tracked ? row.available : null,
    inStock: isInStock(row),
  };
}

/** The current stock of every known variant of these products, for a viewer's snapshot. */
export async function getStockOfProducts(shop: string, productIds: readonly string[]): Promise<StockEventData[]> {
  if (!productIds.length) return [];
  const rows = await prisma.variantStock.findMany({
    where: { shop, productId: { in: [...productIds] } },
    select: variantStockFields,
    orderBy: { variantId: "asc" },
  });
  return rows.map(toStockEvent);
}
