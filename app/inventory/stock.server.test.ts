import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { at, levelUpdates, readingsOf, truthOf } from "../../tests/support/level-properties";
import { levelKey, totalAvailable } from "./levels";
import { setOnlineLocations } from "./online-locations.server";
import { applyInventoryItemTracked, applyInventoryLevel, getStockOfProducts, recomputeVariantStock, recordVariantInventory, toStockEvent } from "./stock.server";

const newShop = () => `stock-${randomUUID().slice(0, 8)}.myshopify.com`;
const ITEM = "gid://shopify/InventoryItem/9007199254740993";
const [HERE, THERE, WAREHOUSE] = ["gid://shopify/Location/1", "gid://shopify/Location/2", "gid://shopify/Location/3"] as const;

async function storedLevels(shop: string) {
  const rows = await prisma.inventoryLevel.findMany({ where: { shop } });
  return new Map(rows.map((row) => [levelKey(row), { available: row.available, updatedAt: row.sourceUpdatedAt }]));
}

async function mapVariant(shop: string, variantId = "gid://shopify/ProductVariant/1", inventoryItemId = ITEM) {
  await prisma.variantStock.create({ data: { shop, variantId, productId: "gid://shopify/Product/1", inventoryItemId } });
}

describe("applyInventoryLevel", () => {
  it("stores the first level, then only newer ones, keeping the lower one on a same-second tie", async () => {
    const shop = newShop();
    const level = (available: number, second: number) => ({ inventoryItemId: ITEM, locationId: HERE, available, updatedAt: at(second) });
    expect(await applyInventoryLevel(shop, level(5, 10))).toBe(true);
    expect(await applyInventoryLevel(shop, level(9, 9))).toBe(false);
    expect(await applyInventoryLevel(shop, level(5, 10))).toBe(false);
    expect(await applyInventoryLevel(shop, level(6, 10))).toBe(false);
    expect(await applyInventoryLevel(shop, level(4, 10))).toBe(true);
    expect(await applyInventoryLevel(shop, level(7, 11))).toBe(true);
    expect([...(await storedLevels(shop)).values()]).toEqual([{ available: 7, updatedAt: at(11) }]);
  });

  it("lets an Admin API read win a same-second tie", async () => {
    const shop = newShop();
    await applyInventoryLevel(shop, { inventoryItemId: ITEM, locationId: HERE, available: 2, updatedAt: at(10) });
    expect(await applyInventoryLevel(shop, { inventoryItemId: ITEM, locationId: HERE, available: 8, updatedAt: at(10) }, "incoming-wins")).toBe(true);
    expect([...(await storedLevels(shop)).values()]).toEqual([{ available: 8, updatedAt: at(10) }]);
  });

  it("keeps only one row per shop, item and location, and leaves other shops alone", async () => {
    const [shop, other] = [newShop(), newShop()];
    const level = { inventoryItemId: ITEM, locationId: HERE, available: 3, updatedAt: at(1) };
    await Promise.all([applyInventoryLevel(shop, level), applyInventoryLevel(shop, level), applyInventoryLevel(other, { ...level, available: 1 })]);
    expect(await prisma.inventoryLevel.count({ where: { shop } })).toBe(1);
    expect((await prisma.inventoryLevel.findFirstOrThrow({ where: { shop: other } })).available).toBe(1);
  });

  // The database version of levels.test.ts's property: deliveries race each other here.
  it("ends at the truth for concurrent deliveries with duplicates, in any order (property)", async () => {
    const update = levelUpdates([ITEM, "gid://shopify/InventoryItem/9007199254740995"], [HERE, THERE]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(update, { minLength: 1, maxLength: 12 }).chain((updates) =>
          fc.tuple(fc.constant(updates), fc.shuffledSubarray([...updates, ...updates], { minLength: updates.length * 2 })),
        ),
        async ([updates, delivered]) => {
          const shop = newShop();
          await Promise.all(delivered.map((level) => applyInventoryLevel(shop, level)));
          expect(await storedLevels(shop)).toEqual(readingsOf(truthOf(updates)));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("recomputeVariantStock", () => {
  it("sums every location until the shop's online locations are set, then only those", async () => {
    const shop = newShop();
    await mapVariant(shop);
    for (const [locationId, available] of [[HERE, 3], [THERE, 4], [WAREHOUSE, 50]] as const) {
      await applyInventoryLevel(shop, { inventoryItemId: ITEM, locationId, available, updatedAt: at(1) });
    }
    expect(await recomputeVariantStock(shop, ITEM)).toEqual({
      changed: [{ variantId: "gid://shopify/ProductVariant/1", productId: "gid://shopify/Product/1", inventoryItemId: ITEM, tracked: true, available: 57 }],
    });
    expect(await recomputeVariantStock(shop, ITEM)).toEqual({ changed: [] });

    await setOnlineLocations(shop, [HERE, THERE]);
    expect(await recomputeVariantStock(shop, ITEM)).toMatchObject({ changed: [{ available: 7 }] });
    expect((await prisma.variantStock.findFirstOrThrow({ where: { shop } })).available).toBe(7);
    await setOnlineLocations(shop, []);
    expect(await recomputeVariantStock(shop, ITEM)).toMatchObject({ changed: [{ available: 0 }] });
  });

  it("does nothing for an item no variant of a lineup maps to", async () => {
    const shop = newShop();
    await applyInventoryLevel(shop, { inventoryItemId: ITEM, locationId: HERE, available: 3, updatedAt: at(1) });
    expect(await recomputeVariantStock(shop, ITEM)).toEqual({ changed: [] });
  });

  it("settles on the sum of the final levels when deliveries and recomputes race", async () => {
    const shop = newShop();
    await mapVariant(shop);
    const deliveries = Array.from({ length: 30 }, (_, index) => ({
      inventoryItemId: ITEM,
      locationId: index % 2 ? HERE : THERE,
      available: (index * 7) % 11,
      updatedAt: at(index),
    }));
    await Promise.all(deliveries.map(async (level) => (await applyInventoryLevel(shop, level)) && recomputeVariantStock(shop, ITEM)));
    const levels = await prisma.inventoryLevel.findMany({ where: { shop } });
    expect((await prisma.variantStock.findFirstOrThrow({ where: { shop } })).available).toBe(totalAvailable(levels, "all"));
  });
});

describe("untracked inventory", () => {
  it("is published as always available, whatever the count", async () => {
    const shop = newShop();
    await mapVariant(shop);
    const [variant] = await applyInventoryItemTracked(shop, ITEM, false);
    expect(toStockEvent(variant as NonNullable<typeof variant>)).toEqual({
      variantId: "gid://shopify/ProductVariant/1",
      productId: "gid://shopify/Product/1",
      available: null,
      inStock: true,
    });
    expect(await applyInventoryItemTracked(shop, ITEM, false)).toEqual([]);
  });
});

describe("recordVariantInventory", () => {
  it("maps the variant, applies the Admin API's levels, drops levels Shopify no longer reports, and says what changed", async () => {
    const shop = newShop();
    const variant = { variantId: "gid://shopify/ProductVariant/9007199254740997", productId: "gid://shopify/Product/1", inventoryItemId: ITEM, tracked: true };
    const first = await recordVariantInventory(shop, { ...variant, levels: [{ locationId: HERE, available: 4, updatedAt: at(1) }, { locationId: THERE, available: 1, updatedAt: at(1) }] });
    expect(first).toEqual({ before: null, after: { ...variant, available: 5 } });

    const second = await recordVariantInventory(shop, { ...variant, levels: [{ locationId: HERE, available: 2, updatedAt: at(1) }] });
    expect(second.before?.available).toBe(5);
    expect(second.after.available).toBe(2);
    expect([...(await storedLevels(shop)).keys()]).toEqual([levelKey({ inventoryItemId: ITEM, locationId: HERE })]);
    expect(await getStockOfProducts(shop, ["gid://shopify/Product/1"])).toEqual([{ variantId: variant.variantId, productId: variant.productId, available: 2, inStock: true }]);
  });

  it("keeps a webhook's level that is newer than the Admin API read", async () => {
    const shop = newShop();
    const variant = { variantId: "gid://shopify/ProductVariant/1", productId: "gid://shopify/Product/1", inventoryItemId: ITEM, tracked: true };
    await applyInventoryLevel(shop, { inventoryItemId: ITEM, locationId: HERE, available: 1, updatedAt: at(5) });
    const recorded = await recordVariantInventory(shop, { ...variant, levels: [{ locationId: HERE, available: 9, updatedAt: at(4) }] });
    expect(recorded.after.available).toBe(1);
  });
});
