import { describe, expect, it } from "vitest";
import { numericIdOf } from "./ids";
import { SandboxError, SandboxState, type SandboxChange } from "./state";

const SHOP = "state-test.myshopify.com";

function shopWithStock() {
  const state = new SandboxState();
  const online = state.newLocation("Store", true);
  const backup = state.newLocation("Second store", true);
  const warehouse = state.newLocation("Warehouse", false);
  state.createShop({ domain: SHOP, currencyCode: "SEK", locations: [online, backup, warehouse] });
  const product = state.addProduct(SHOP, {
    handle: "tee",
    title: "Tee",
    imageUrl: "http://x/tee.svg",
    options: [{ name: "Size", values: ["S", "M"] }],
    variants: [
      { optionValues: ["S"], sku: "TEE-S", price: 20000, stock: { [online.id]: 2, [backup.id]: 1, [warehouse.id]: 50 } },
      { optionValues: ["M"], sku: "TEE-M", price: 20000, stock: null },
    ],
  });
  const changes: SandboxChange[] = [];
  state.on((change) => changes.push(change));
  const [small, medium] = product.variants;
  if (!small || !medium) throw new Error("seed failed");
  return { state, product, small, medium, online, backup, warehouse, changes };
}

describe("SandboxState", () => {
  it("finds a variant by gid or by its numeric id, including ids beyond 2^53", () => {
    const { state, small } = shopWithStock();
    expect(BigInt(numericIdOf(small.id))).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(state.findVariant(SHOP, small.id)).toBe(small);
    expect(state.findVariant(SHOP, numericIdOf(small.id))).toBe(small);
    expect(state.findVariant(SHOP, "gid://shopify/ProductVariant/1")).toBeUndefined();
  });

  it("counts only online locations as available, and untracked items as null", () => {
    const { state, small, medium } = shopWithStock();
    expect(state.availableQuantity(SHOP, small)).toBe(3);
    expect(state.availableQuantity(SHOP, medium)).toBeNull();
  });

  it("refuses an unknown shop with a message naming it", () => {
    expect(() => new SandboxState().getShop("nope.myshopify.com")).toThrow(/nope\.myshopify\.com/);
  });

  it("takes stock for a paid order from online locations and announces levels then the order", () => {
    const { state, small, changes } = shopWithStock();
    const order = state.createPaidOrder(SHOP, { lines: [{ variantId: small.id, quantity: 3, properties: [{ name: "_show", value: "s1" }] }] });
    expect(state.availableQuantity(SHOP, small)).toBe(0);
    expect(order.subtotal).toBe(60000);
    expect(order.lines[0]?.properties).toEqual([{ name: "_show", value: "s1" }]);
    expect(changes.map((change) => change.topic)).toEqual(["inventory_levels/update", "inventory_levels/update", "orders/paid"]);
    const warehouseLevel = small.inventoryItem.levels.find((level) => level.available === 50);
    expect(warehouseLevel).toBeDefined();
  });

  it("refuses to oversell a tracked item and changes nothing", () => {
    const { state, small, medium, changes } = shopWithStock();
    expect(() =>
      state.createPaidOrder(SHOP, { lines: [{ variantId: medium.id, quantity: 100 }, { variantId: small.id, quantity: 4 }] }),
    ).toThrow(SandboxError);
    expect(state.availableQuantity(SHOP, small)).toBe(3);
    expect(state.getShop(SHOP).orders).toHaveLength(0);
    expect(changes).toHaveLength(0);
  });

  it("applies a percentage code and refunds exactly what was paid across partial refunds", () => {
    const { state, medium, changes } = shopWithStock();
    state.createDiscount(SHOP, { code: "LIVE15", title: "Live", startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: null, value: { percentage: 0.15 }, productIds: [], variantIds: [] });
    const order = state.createPaidOrder(SHOP, { lines: [{ variantId: medium.id, quantity: 3 }], discountCode: "live15" });
    const line = order.lines[0];
    if (!line) throw new Error("no line");
    expect(line.discount).toBe(9000);
    expect(order.total).toBe(51000);
    const first = state.refundOrder(SHOP, order.id, [{ lineId: line.id, quantity: 1 }]);
    const rest = state.refundOrder(SHOP, order.id, [{ lineId: line.id, quantity: 2 }]);
    expect((first.lines[0]?.subtotal ?? 0) + (rest.lines[0]?.subtotal ?? 0)).toBe(51000);
    expect(() => state.refundOrder(SHOP, order.id, [{ lineId: line.id, quantity: 1 }])).toThrow(/0 left/);
    expect(changes.filter((change) => change.topic === "refunds/create")).toHaveLength(2);
  });

  it("refuses an expired or scheduled code", () => {
    const { state, medium } = shopWithStock();
    state.createDiscount(SHOP, { code: "LATER", title: "Later", startsAt: new Date(Date.now() + 60_000).toISOString(), endsAt: null, value: { amount: 1000 }, productIds: [], variantIds: [] });
    expect(() => state.createPaidOrder(SHOP, { lines: [{ variantId: medium.id, quantity: 1 }], discountCode: "LATER" })).toThrow(/scheduled/);
  });

  it("stamps every write strictly later than the one before, even within one millisecond", () => {
    // A clock stopped at one instant: any instant will do.
    const fixed = new Date();
    const state = new SandboxState({ now: () => fixed });
    const stamps = [state.stamp(), state.stamp(), state.stamp()];
    expect(new Set(stamps).size).toBe(3);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it("emits products/update and products/delete with snapshots", () => {
    const { state, product, changes } = shopWithStock();
    state.updateProduct(SHOP, product.id, { title: "Tee 2" });
    state.deleteProduct(SHOP, product.id);
    const update = changes[0];
    expect(update?.topic === "products/update" && update.product.title).toBe("Tee 2");
    expect(changes[1]).toMatchObject({ topic: "products/delete", productId: product.id });
    expect(state.findProduct(SHOP, product.id)).toBeUndefined();
  });
});
