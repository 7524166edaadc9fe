import { describe, expect, it } from "vitest";
import { mergeChatEvents } from "./chat-event";
import { buyerCityOf, purchaseProof } from "./social-proof";

describe("the buyer's city", () => {
  it("is where the order ships, else where it is billed, tidied", () => {
    expect(buyerCityOf({ shipping_address: { city: "  Malmö " }, billing_address: { city: "Lund" } })).toBe("Malmö");
    expect(buyerCityOf({ shipping_address: null, billing_address: { city: "Lund" } })).toBe("Lund");
    expect(buyerCityOf({ shipping_address: { city: "" }, billing_address: { city: "Den  Haag" } })).toBe("Den Haag");
    expect(buyerCityOf({})).toBeNull();
  });

  it("is left out when the field holds something that is not a city's name", () => {
    for (const city of ["ingrid@example.com", "<b>Oslo</b>", "Storgatan 123", "x".repeat(61)]) expect(buyerCityOf({ shipping_address: { city } })).toBeNull();
  });
});

describe("what the viewers are told of an order", () => {
  it("names each product once, and the city only when the shop allows it", () => {
    expect(purchaseProof(["Linen Shirt", "Wool Scarf", "Linen Shirt"], "Malmö", true)).toEqual([
      { productTitle: "Linen Shirt", city: "Malmö" },
      { productTitle: "Wool Scarf", city: "Malmö" },
    ]);
    expect(purchaseProof(["Linen Shirt"], "Malmö", false)).toEqual([{ productTitle: "Linen Shirt", city: null }]);
  });

  it("keeps every order's proof when windows merge, in order", () => {
    const merged = mergeChatEvents([{ proof: [{ productTitle: "A", city: null }] }, { hearts: 3 }, { proof: [{ productTitle: "B", city: "Oslo" }] }]);
    expect(merged).toEqual({ hearts: 3, proof: [{ productTitle: "A", city: null }, { productTitle: "B", city: "Oslo" }] });
  });
});
