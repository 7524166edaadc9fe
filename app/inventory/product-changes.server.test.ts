import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { fromNow } from "../../tests/support/clock";
import { applyProductChange, deletedProductId, productChangeFromWebhook, removeDeletedProduct } from "./product-changes.server";
import { applyInventoryLevel, recordVariantInventory } from "./stock.server";

const PRODUCT = "gid://shopify/Product/9007199254740993";
const newShop = () => `products-${randomUUID().slice(0, 8)}.myshopify.com`;
const UPDATED_AT = fromNow({ minutes: -1 }).toISOString();

async function lineup(shop: string) {
  await prisma.show.create({
    data: { shop, title: "Show", startsAt: new Date(), status: "scheduled", products: { create: [{ shop, productId: PRODUCT, title: "Old", position: 0 }] } },
  });
}

describe("reading product webhooks", () => {
  it("takes the deleted product's id digit for digit from the raw body", () => {
    expect(deletedProductId('{"id":9007199254740993}')).toBe(PRODUCT);
    expect(() => deletedProductId('{"id":"x"}')).toThrow(/products\/delete payload: id/);
  });

  it("maps each variant to its inventory item from the raw body's digits", () => {
    const raw =
      `{"admin_graphql_api_id":"gid://shopify/Product/9007199254740993","title":"T","updated_at":"${UPDATED_AT}",` +
      '"variants":[{"admin_graphql_api_id":"gid://shopify/ProductVariant/1","inventory_item_id":9007199254740995}]}';
    const change = productChangeFromWebhook(JSON.parse(raw), raw);
    expect(change.variants).toEqual([{ variantId: "gid://shopify/ProductVariant/1", inventoryItemId: "gid://shopify/InventoryItem/9007199254740995" }]);
    expect(change.allVariantIds).toEqual(["gid://shopify/ProductVariant/1"]);
  });

  it("takes the product's full variant list from variant_gids when Shopify sends it", () => {
    const raw =
      `{"admin_graphql_api_id":"gid://shopify/Product/1","title":"T","updated_at":"${UPDATED_AT}","variants":[],` +
      `"variant_gids":[{"admin_graphql_api_id":"gid://shopify/ProductVariant/1","updated_at":"${UPDATED_AT}"}]}`;
    expect(productChangeFromWebhook(JSON.parse(raw), raw).allVariantIds).toEqual(["gid://shopify/ProductVariant/1"]);
  });
});

describe("applyProductChange", () => {
  it("renames the product in lineups, maps new variants from stored levels, and forgets deleted ones", async () => {
    const shop = newShop();
    await lineup(shop);
    const gone = { variantId: "gid://shopify/ProductVariant/1", productId: PRODUCT, inventoryItemId: "gid://shopify/InventoryItem/1", tracked: true, levels: [] };
    await recordVariantInventory(shop, gone);
    // A level that arrived before anything knew its variant.
    await applyInventoryLevel(shop, { inventoryItemId: "gid://shopify/InventoryItem/2", locationId: "gid://shopify/Location/1", available: 6, updatedAt: new Date() });

    await applyProductChange(shop, {
      productId: PRODUCT,
      title: "New",
      handle: "new",
      variants: [{ variantId: "gid://shopify/ProductVariant/2", inventoryItemId: "gid://shopify/InventoryItem/2" }],
    });
    expect(await prisma.showProduct.findFirstOrThrow({ where: { shop } })).toMatchObject({ title: "New", handle: "new" });
    expect(await prisma.variantStock.findMany({ where: { shop }, select: { variantId: true, available: true } })).toEqual([
      { variantId: "gid://shopify/ProductVariant/2", available: 6 },
    ]);
  });
});

describe("removeDeletedProduct", () => {
  it("marks the product removed in every lineup of the shop, and only that shop", async () => {
    const [shop, other] = [newShop(), newShop()];
    await lineup(shop);
    await lineup(other);
    await recordVariantInventory(shop, { variantId: "gid://shopify/ProductVariant/1", productId: PRODUCT, inventoryItemId: "gid://shopify/InventoryItem/1", tracked: true, levels: [] });
    await removeDeletedProduct(shop, PRODUCT);
    expect((await prisma.showProduct.findFirstOrThrow({ where: { shop } })).removedAt).toBeInstanceOf(Date);
    expect((await prisma.showProduct.findFirstOrThrow({ where: { shop: other } })).removedAt).toBeNull();
    expect(await prisma.variantStock.count({ where: { shop } })).toBe(0);
  });
});
