import { describe, expect, it } from "vitest";
import { fieldErrors } from "~/http/field-errors";
import { showInput } from "./show-input";

const valid = {
  title: "Winter knits live",
  description: "",
  startsAt: "2026-12-01T18:00",
  durationMinutes: "45",
  hostName: "Astrid",
  mode: "public",
  products: JSON.stringify([{ id: "gid://shopify/Product/9007199254741001", title: "Wool scarf", handle: "wool-scarf", imageUrl: null }]),
};

describe("showInput", () => {
  it("accepts a complete form and keeps product ids as strings", () => {
    const parsed = showInput.parse(valid);
    expect(parsed.durationMinutes).toBe(45);
    expect(parsed.products[0]?.id).toBe("gid://shopify/Product/9007199254741001");
  });

  it("says what is wrong with each field in words", () => {
    const result = showInput.safeParse({ ...valid, title: " ", durationMinutes: "2", products: "[]" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      title: "Give the show a title",
      durationMinutes: "A show lasts at least 5 minutes",
      products: "Pick at least one product for the show",
    });
  });

  it("rejects a product list that is not JSON or not Shopify products", () => {
    expect(fieldErrors(showInput.safeParse({ ...valid, products: "{" }).error!).products).toMatch(/pick the products again/);
    const foreign = JSON.stringify([{ id: "gid://shopify/Order/1", title: "x" }]);
    expect(fieldErrors(showInput.safeParse({ ...valid, products: foreign }).error!).products).toBe("must be a Shopify product");
  });
});
