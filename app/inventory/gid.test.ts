import { describe, expect, it } from "vitest";
import { gidDigits, normalizeGid } from "./gid";

describe("Shopify GIDs", () => {
  it("reads a GID's digits past 2^53, and rejects a GID of another type, naming what was expected", () => {
    expect(gidDigits("gid://shopify/ProductVariant/12345678901234567890", "ProductVariant")).toBe("12345678901234567890");
    expect(() => gidDigits("gid://shopify/Product/12", "ProductVariant")).toThrow(/ProductVariant GID.*Product\/12/);
    expect(normalizeGid("gid://shopify/Location/90071992547409931?x=y", "Location")).toBe("gid://shopify/Location/90071992547409931");
  });
});
