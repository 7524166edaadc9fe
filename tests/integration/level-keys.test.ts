// A level has one key, its inventory item and its location, whichever way it reaches the app:
// an inventory_levels/update from Shopify (inventory_item_id, location_id) and the same level
// read back from the Admin API by reconciliation (item, location { id }) land on one row. The
// sandbox gives each level an id of its own, as Shopify does, so a key read from the level's
// GID would land elsewhere.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { numericIdOf } from "../sandbox/shopify/ids";
import type { SandboxLocation } from "../sandbox/shopify/state";
import { adminClient } from "../support/admin-client";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
let shop: string;
let store: SandboxLocation;
let warehouse: SandboxLocation;
let reconcile: typeof import("~/inventory/reconcile.server");
let shopify: typeof import("~/shopify.server");

beforeAll(async () => {
  stack = await startStack({ seed: false });
  shop = `level-keys-${randomUUID().slice(0, 8)}.myshopify.com`;
  store = stack.shopify.state.newLocation("Store", true);
  warehouse = stack.shopify.state.newLocation("Warehouse", true);
  stack.shopify.state.createShop({ domain: shop, locations: [store, warehouse] });
  // Installing: the app keeps the shop's offline session from its first admin request.
  expect((await adminClient(stack.appUrl, stack.shopify, shop).get("/app/shows")).status).toBe(200);
  // Reconciliation runs in this process, as another app instance would; modules that reach
  // Shopify read the sandbox's address as they load.
  process.env.SHOPIFY_SANDBOX_URL = stack.shopify.url;
  reconcile = await import("~/inventory/reconcile.server");
  shopify = await import("~/shopify.server");
});

afterAll(async () => {
  await stack?.close();
});

describe("a level's key", () => {
  it("is the same for a webhook-applied level and a reconciled one of the same item and location", async () => {
    const product = stack.shopify.state.addProduct(shop, {
      handle: "boot",
      title: "Boot",
      imageUrl: "http://x/boot.svg",
      options: [{ name: "Size", values: ["40"] }],
      variants: [{ optionValues: ["40"], sku: "B-40", price: 12900, stock: { [store.id]: 8, [warehouse.id]: 5 } }],
    });
    const variant = product.variants[0]!;
    const item = variant.inventoryItem;
    const levelNumbers = item.levels.map((level) => numericIdOf(level.id));
    expect(levelNumbers).not.toContain(numericIdOf(store.id));
    expect(levelNumbers).not.toContain(numericIdOf(warehouse.id));

    const stored = () =>
      prisma.inventoryLevel.findMany({ where: { shop, inventoryItemId: item.id }, select: { locationId: true, available: true }, orderBy: { available: "desc" } });
    const total = async () => (await prisma.variantStock.findUniqueOrThrow({ where: { shop_variantId: { shop, variantId: variant.id } } })).available;
    const { admin } = await shopify.unauthenticated.admin(shop);

    // A webhook first, for an item the app has not read yet; then reconciliation reads both levels.
    stack.shopify.state.setAvailable(shop, item.id, store.id, 7);
    await stack.shopify.webhooks.settled();
    expect(await stored()).toEqual([{ locationId: store.id, available: 7 }]);
    await reconcile.refreshVariantStock(admin, shop, [variant.id]);
    expect(await stored()).toEqual([
      { locationId: store.id, available: 7 },
      { locationId: warehouse.id, available: 5 },
    ]);

    // Then a webhook for a level that reconciliation stored, and reconciliation again: no drift.
    stack.shopify.state.setAvailable(shop, item.id, warehouse.id, 2);
    await stack.shopify.webhooks.settled();
    expect(await stored()).toEqual([
      { locationId: store.id, available: 7 },
      { locationId: warehouse.id, available: 2 },
    ]);
    expect(await total()).toBe(9);
    expect(await reconcile.refreshVariantStock(admin, shop, [variant.id])).toBe(0);
    expect(await stored()).toHaveLength(2);
    expect(await total()).toBe(9);
  });
});
