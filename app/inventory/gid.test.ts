import { describe, expect, it } from "vitest";
import { gidDigits, parseInventoryLevelGid } from "./gid";

describe("Shopify GIDs", () => {
  it("reads an InventoryLevel GID's location and item without losing digits past 2^53", () => {
    expect(parseInventoryLevelGid("gid://shopify/InventoryLevel/90071992547409931?inventory_item_id=90071992547409951")).toEqual({
      locationId: "gid://shopify/Location/90071992547409931",
      inventoryItemId: "gid://shopify/InventoryItem/90071992547409951",
    });
  });

  it("rejects a level GID without its item, and a GID of another type, naming what was expected", () => {
    expect(() => parseInventoryLevelGid("gid://shopify/InventoryLevel/1")).toThrow(/Shopify InventoryLevel GID/);
    expect(() => parseInventoryLevelGid("gid://shopify/Location/1?inventory_item_id=2")).toThrow(/InventoryLevel/);
    expect(() => gidDigits("gid://shopify/Product/12", "ProductVariant")).toThrow(/ProductVariant GID.*Product\/12/);
    expect(gidDigits("gid://shopify/ProductVariant/12345678901234567890", "ProductVariant")).toBe("12345678901234567890");
  });
});
