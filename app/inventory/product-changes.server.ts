// products/update and products/delete as they touch show lineups and the stock cache.
import type { z } from "zod";
import prisma from "~/db.server";
import type { productUpdate } from "./payloads";
import { idDigits, parseJsonExact } from "~/lib/exact-json";
import { gidOf } from "./gid";
import { runForItem } from "./item-queue.server";
import { publishStock } from "./publish-stock.server";
import { recomputeVariantStock, toStockEvent } from "./stock.server";

export interface ProductChange {
  productId: string;
  title: string;
  handle?: string;
  imageUrl?: string | null;
  /** Present when the payload listed the variants; inventoryItemId is null when it could not be read. */
  variants?: Array<{ variantId: string; inventoryItemId: string | null }>;
  /** Every variant the product has now, when known: the ones missing from it were deleted. */
  allVariantIds?: string[];
}

/** Reads a products/update delivery, taking each variant's inventory item digits from the raw body. */
export function productChangeFromWebhook(payload: z.output<typeof productUpdate>, rawBody: string): ProductChange {
  const exact = parseJsonExact(rawBody) as { variants?: Array<{ admin_graphql_api_id?: unknown; inventory_item_id?: unknown }> };
  const itemDigits = new Map(
    (exact.variants ?? []).map((variant) => [String(variant.admin_graphql_api_id), idDigits(variant.inventory_item_id)]),
  );
  return {
    productId: payload.admin_graphql_api_id,
    title: payload.title,
    handle: payload.handle,
    imageUrl: payload.image === undefined ? undefined : (payload.image?.src ?? null),
    variants: payload.variants?.map((variant) => {
      const digits = itemDigits.get(variant.admin_graphql_api_id);
      return { variantId: variant.admin_graphql_api_id, inventoryItemId: digits ? gidOf("InventoryItem", digits) : null };
    }),
    allVariantIds: (payload.variant_gids ?? payload.variants)?.map((variant) => variant.admin_graphql_api_id),
  };
}

/** products/delete carries only the numeric id; its digits come from the raw body. */
export function deletedProductId(rawBody: string): string {
  const digits = idDigits((parseJsonExact(rawBody) as { id?: unknown }).id);
  if (!digits) throw new Error("products/delete payload: id must be a whole number");
  return gidOf("Product", digits);
}

/**
 * Keeps lineups and the variant map in step with the product: titles, handle and image for the
 * show pages; variants added (mapped to their inventory item) and removed (viewers see them go).
 */
export async function applyProductChange(shop: string, change: ProductChange): Promise<void> {
  const { productId } = change;
  await prisma.showProduct.updateMany({
    where: { shop, productId },
    data: {
      title: change.title,
      ...(change.handle !== undefined && { handle: change.handle }),
      ...(change.imageUrl !== undefined && { imageUrl: change.imageUrl }),
    },
  });
  if (!change.variants) return;

  // Shopify sends products/update for every stock change too: one read of the product's mapped
  // variants, then writes only for what differs.
  const known = new Map(
    (await prisma.variantStock.findMany({ where: { shop, productId }, select: { variantId: true, inventoryItemId: true } })).map((row) => [
      row.variantId,
      row.inventoryItemId,
    ]),
  );
  const listed = new Set(change.allVariantIds ?? change.variants.map((variant) => variant.variantId));
  const removed = [...known.keys()].filter((variantId) => !listed.has(variantId));
  if (removed.length) {
    await prisma.variantStock.deleteMany({ where: { shop, productId, variantId: { in: removed } } });
    await Promise.all(removed.map((variantId) => publishStock(shop, { variantId, productId, available: 0, inStock: false })));
  }

  for (const { variantId, inventoryItemId } of change.variants) {
    if (!inventoryItemId || known.get(variantId) === inventoryItemId) continue;
    const key = { shop_variantId: { shop, variantId } };
    await runForItem(shop, inventoryItemId, async () => {
      await prisma.variantStock.upsert({
        where: key,
        create: { shop, variantId, productId, inventoryItemId },
        update: { productId, inventoryItemId },
      });
      // Levels may have arrived before the variant was known; its total comes from them.
      await recomputeVariantStock(shop, inventoryItemId);
      const mapped = await prisma.variantStock.findUnique({ where: key });
      if (mapped) await publishStock(shop, toStockEvent(mapped));
    });
  }
}

/**
 * The product is gone from Shopify. Lineups keep it, marked removed, so the merchant sees a
 * notice in the show editor; viewers see its variants sold out; the stock cache forgets it.
 */
export async function removeDeletedProduct(shop: string, productId: string): Promise<void> {
  const variants = await prisma.variantStock.findMany({ where: { shop, productId }, select: { variantId: true, inventoryItemId: true } });
  await prisma.showProduct.updateMany({ where: { shop, productId, removedAt: null }, data: { removedAt: new Date() } });
  await prisma.variantStock.deleteMany({ where: { shop, productId } });
  await prisma.inventoryLevel.deleteMany({ where: { shop, inventoryItemId: { in: variants.map((variant) => variant.inventoryItemId) } } });
  await Promise.all(variants.map(({ variantId }) => publishStock(shop, { variantId, productId, available: 0, inStock: false })));
}
