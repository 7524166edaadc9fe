import { describe, expect, it } from "vitest";
import { orderPaid } from "./payloads";
import { fromNow, wholeSeconds } from "../../tests/support/clock";
import { readPaidOrder } from "./paid-order";
import { orderPaidBody, shopifyTime, type OrderFixture } from "../../tests/support/order-payloads";

const read = (order: OrderFixture) => readPaidOrder(orderPaid.parse(orderPaidBody(order)));

describe("readPaidOrder", () => {
  it("takes price × quantity, leaving out tax and shipping", () => {
    const placedAt = wholeSeconds(fromNow({ minutes: -45 }));
    const order = read({ createdAt: shopifyTime(placedAt), lines: [{ productNumber: 8100000001, price: "199.00", quantity: 2, showId: "show-1" }] });
    expect(order.currency).toBe("EUR");
    // Shopify writes the time in the shop's offset (+01:00 here); the order keeps the instant.
    expect(order.createdAt.toISOString()).toBe(placedAt.toISOString());
    expect(order.lines[0]).toMatchObject({
      productId: "gid://shopify/Product/8100000001",
      quantity: 2,
      salesAmountMinor: 39800,
      claim: { showId: "show-1", source: "line property" },
    });
  });

  it("subtracts every discount allocation, and not total_discount again when allocations carry the same money", () => {
    const order = read({ lines: [{ productNumber: 1, price: "199.00", quantity: 2, discountAllocations: ["19.90", "10.00"], totalDiscount: "29.90" }] });
    expect(order.lines[0]?.salesAmountMinor).toBe(39800 - 1990 - 1000);
  });

  it("subtracts total_discount for a line that has no allocations", () => {
    expect(read({ lines: [{ productNumber: 1, price: "10.00", quantity: 3, totalDiscount: "4.50" }] }).lines[0]?.salesAmountMinor).toBe(2550);
  });

  it("never goes below zero", () => {
    expect(read({ lines: [{ productNumber: 1, price: "5.00", discountAllocations: ["6.00"] }] }).lines[0]?.salesAmountMinor).toBe(0);
  });

  it.each([
    ["JPY", "1990", 3, 5970],
    ["KWD", "12.345", 2, 24690],
    ["SEK", "0.10", 3, 30],
  ])("reads %s prices in that currency's minor units", (currency, price, quantity, expected) => {
    expect(read({ currency, lines: [{ productNumber: 1, price, quantity }] }).lines[0]?.salesAmountMinor).toBe(expected);
  });

  it("has no product for a custom line or an id JSON numbers cannot carry exactly", () => {
    const order = read({ lines: [{ productNumber: null, price: "1.00" }, { productNumber: 2 ** 53 + 2, price: "1.00" }] });
    expect(order.lines.map((line) => line.productId)).toEqual([null, null]);
  });

  it("uses the cart attribute for lines without their own claim", () => {
    const order = read({ cartShowId: "show-9", lines: [{ productNumber: 1, price: "1.00" }, { productNumber: 2, price: "1.00", showId: "show-1" }] });
    expect(order.lines.map((line) => line.claim)).toEqual([
      { showId: "show-9", source: "cart attribute" },
      { showId: "show-1", source: "line property" },
    ]);
  });
});

describe("the orders/paid payload schema", () => {
  it("refuses a price with more decimals than the currency has, naming the field", () => {
    const parsed = orderPaid.safeParse(orderPaidBody({ currency: "JPY", lines: [{ productNumber: 1, price: "1990.50" }] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["line_items.0.price", "1990.50 has more decimals than JPY allows (0)"]]);
  });

  it("refuses a discount that is not a decimal amount", () => {
    const body = orderPaidBody({ lines: [{ productNumber: 1, price: "10.00", discountAllocations: ["1,00"] }] });
    expect(orderPaid.safeParse(body).error?.issues[0]?.path).toEqual(["line_items", 0, "discount_allocations", 0, "amount"]);
  });
});
