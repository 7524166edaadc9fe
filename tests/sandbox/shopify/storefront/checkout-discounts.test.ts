// Discount codes and market currencies at the sandbox checkout, over HTTP: /cart.js, the
// checkout page and the paid order (with its orders/paid payload) agree on what a code takes
// off and on the currency the buyer pays in, as Shopify's checkout and AJAX Cart API present them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { shifted } from "../../../support/clock";
import { startShopifyEmulator, type ShopifyEmulator } from "../index";
import { numericIdOf } from "../ids";
import type { SandboxChange, SandboxDiscount, SandboxOrder } from "../state";
import { webhookPayload } from "../webhook-payloads";
import type { CartJson } from "./cart-json";
import { Shopper } from "./test-client";
import { addFixtureShop, type FixtureShop } from "./test-fixtures";

let emulator: ShopifyEmulator;
let fixture: FixtureShop;
let shopper: Shopper;
let changes: SandboxChange[];
let shopCount = 0;
/** The sandbox's clock, moved by the tests that need a code to start or end. */
let clock = new Date();

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9", now: () => clock });
  emulator.state.on((change) => changes.push(change));
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  clock = new Date();
  shopCount += 1;
  changes = [];
  fixture = addFixtureShop(emulator.state, `discount-shop-${shopCount}.myshopify.com`, emulator.url);
  shopper = new Shopper(emulator.url, fixture.shop.domain);
});

const productOf = (variantId: string) => emulator.state.findVariant(fixture.shop.domain, variantId)!.productId;

function createCode(code: string, value: SandboxDiscount["value"], productIds: string[], window: { startsAt?: Date; endsAt?: Date | null } = {}) {
  return emulator.state.createDiscount(fixture.shop.domain, {
    code,
    title: `Deal ${code}`,
    startsAt: (window.startsAt ?? shifted(clock, { minutes: -1 })).toISOString(),
    endsAt: window.endsAt ? window.endsAt.toISOString() : null,
    value,
    productIds,
    variantIds: [],
  });
}

const cart = async () => (await shopper.get("/cart.js")).json<CartJson>();

async function pay(): Promise<{ order: SandboxOrder; payload: Record<string, unknown> }> {
  expect((await shopper.request("POST", "/checkout")).status).toBe(303);
  const paid = changes.find((change) => change.topic === "orders/paid");
  if (paid?.topic !== "orders/paid") throw new Error("no orders/paid");
  const payload = JSON.parse(JSON.stringify(webhookPayload(paid, emulator.state.getShop(fixture.shop.domain)))) as Record<string, unknown>;
  return { order: emulator.state.getShop(fixture.shop.domain).orders[0]!, payload };
}

describe("a discount code at checkout", () => {
  it("takes a show deal's percentage off the lineup's lines only: line prices, subtotal and total, then the paid order", async () => {
    createCode("LIVE20", { percentage: 0.2 }, [productOf(fixture.scarfVariantId)]);
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 2 });
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId), quantity: 1 });
    // Shopify's ?discount= on the checkout URL keeps the code as a /discount link does.
    const linked = await shopper.get("/checkout?discount=LIVE20");
    expect(linked.status).toBe(302);

    const json = await cart();
    const application = {
      type: "discount_code",
      key: "LIVE20",
      title: "LIVE20",
      value: "20.0",
      value_type: "percentage",
      allocation_method: "across",
      target_selection: "entitled",
      target_type: "line_item",
      total_allocated_amount: 1800,
    };
    expect(json).toMatchObject({
      currency: "USD",
      original_total_price: 21900,
      items_subtotal_price: 20100,
      total_discount: 1800,
      total_price: 20100,
      cart_level_discount_applications: [],
      discount_codes: [{ code: "LIVE20", applicable: true }],
    });
    expect(json.items[0]).toMatchObject({
      original_price: 4500,
      discounted_price: 3600,
      final_price: 3600,
      original_line_price: 9000,
      final_line_price: 7200,
      line_price: 7200,
      total_discount: 1800,
      line_level_total_discount: 1800,
      line_level_discount_allocations: [{ amount: 1800, discount_application: application }],
    });
    expect(json.items[1]).toMatchObject({ final_line_price: 12900, total_discount: 0, line_level_discount_allocations: [] });

    const page = (await shopper.get("/checkout")).text;
    expect(page).toContain("<s data-original-line-price>$90.00</s>");
    expect(page).toContain('<span data-line-price>$72.00</span>');
    expect(page).toContain("<dd data-subtotal>$201.00</dd>");
    expect(page).toContain("<strong data-total>$201.00 USD</strong>");

    const { order, payload } = await pay();
    expect(order.lines.map((line) => line.discount)).toEqual([1800, 0]);
    expect(order.total).toBe(20100);
    expect(payload).toMatchObject({
      total_line_items_price: "219.00",
      total_discounts: "18.00",
      subtotal_price: "201.00",
      current_total_price: "201.00",
      total_price_set: { shop_money: { amount: "201.00", currency_code: "USD" }, presentment_money: { amount: "201.00", currency_code: "USD" } },
      discount_codes: [{ code: "LIVE20", amount: "18.00", type: "percentage" }],
      discount_applications: [{ type: "discount_code", code: "LIVE20", value: "20.0", value_type: "percentage", allocation_method: "across", target_selection: "entitled", target_type: "line_item" }],
      line_items: [{ price: "45.00", discount_allocations: [{ amount: "18.00", discount_application_index: 0 }] }, { price: "129.00", discount_allocations: [] }],
    });
  });

  it("takes a fixed amount off each unit of the lineup's products, never more than a unit's price", async () => {
    createCode("FIVE", { amount: 500, appliesOnEachItem: true }, [productOf(fixture.scarfVariantId)]);
    await shopper.get("/discount/FIVE");
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 3 });
    const json = await cart();
    expect(json).toMatchObject({ original_total_price: 13500, total_price: 12000, total_discount: 1500 });
    expect(json.items[0]?.line_level_discount_allocations[0]?.discount_application).toMatchObject({ value: "5.00", value_type: "fixed_amount", allocation_method: "each" });

    const { payload } = await pay();
    expect(payload).toMatchObject({ current_total_price: "120.00", discount_codes: [{ code: "FIVE", amount: "15.00", type: "fixed_amount" }] });
  });

  it("takes an order discount off the total below the subtotal, spread over the lines in the paid order", async () => {
    createCode("ORDER10", { amount: 1000 }, []);
    await shopper.get("/discount/ORDER10");
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 1 });
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId), quantity: 1 });

    const json = await cart();
    expect(json).toMatchObject({
      items_subtotal_price: 17400,
      total_price: 16400,
      total_discount: 1000,
      cart_level_discount_applications: [{ key: "ORDER10", value: "10.00", value_type: "fixed_amount", target_selection: "all", total_allocated_amount: 1000 }],
    });
    expect(json.items.map((item) => item.final_line_price)).toEqual([4500, 12900]);

    const page = (await shopper.get("/checkout")).text;
    expect(page).toContain("<dd data-subtotal>$174.00</dd>");
    expect(page).toContain("<dt>Order discount (ORDER10)</dt><dd data-order-discount>-$10.00</dd>");
    expect(page).toContain("<strong data-total>$164.00 USD</strong>");

    const { order } = await pay();
    expect(order.lines.map((line) => line.discount)).toEqual([258, 742]);
    expect(order.total).toBe(16400);
  });

  it("applies and removes a code through /cart/update.js's discount parameter", async () => {
    createCode("LIVE20", { percentage: 0.2 }, []);
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 1 });
    const applied = (await shopper.postJson("/cart/update.js", { discount: "live20" })).json<CartJson>();
    expect(applied).toMatchObject({ total_price: 3600, discount_codes: [{ code: "live20", applicable: true }] });
    expect(await cart()).toMatchObject({ total_price: 3600 });
    const removed = (await shopper.postJson("/cart/update.js", { discount: "" })).json<CartJson>();
    expect(removed).toMatchObject({ total_price: 4500, discount_codes: [] });
    expect(shopper.cookies.has("discount_code")).toBe(false);
  });

  it("takes nothing off before the code starts, after it ends, or from a cart without its products", async () => {
    createCode("SOON", { percentage: 0.5 }, [], { startsAt: shifted(clock, { minutes: 10 }) });
    createCode("JACKETS", { percentage: 0.5 }, [productOf(fixture.jacketMediumId)]);
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 1 });

    await shopper.get("/discount/SOON");
    expect(await cart()).toMatchObject({ total_price: 4500, total_discount: 0, discount_codes: [{ code: "SOON", applicable: false }] });
    expect((await shopper.get("/checkout")).text).toContain("this code is scheduled");
    clock = shifted(clock, { minutes: 11 });
    expect(await cart()).toMatchObject({ total_price: 2250, discount_codes: [{ code: "SOON", applicable: true }] });

    await shopper.get("/discount/JACKETS");
    expect(await cart()).toMatchObject({ total_price: 4500, discount_codes: [{ code: "JACKETS", applicable: false }] });
    expect((await shopper.get("/checkout")).text).toContain("this code does not apply to the items in your cart");
    const { order, payload } = await pay();
    expect(order.discountCodes).toEqual([]);
    expect(payload).toMatchObject({ total_discounts: "0.00", discount_codes: [], discount_applications: [] });
  });

  it("stops applying a show's deal once its end passes on the sandbox clock", async () => {
    createCode("BRIEF", { percentage: 0.1 }, [productOf(fixture.scarfVariantId)], { endsAt: shifted(clock, { minutes: 5 }) });
    await shopper.get("/discount/BRIEF");
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 1 });
    expect((await cart()).total_price).toBe(4050);
    clock = shifted(clock, { minutes: 5 });
    expect((await cart()).total_price).toBe(4500);
    expect((await shopper.get("/checkout")).text).toContain("this code is expired");
  });
});

describe("a cart in another market", () => {
  it("prices, charges and records the order in the market's currency, with shop money in the shop's", async () => {
    emulator.state.addMarket(fixture.shop.domain, { name: "Europe", countries: ["DE"], currencyCode: "EUR", exchangeRate: 0.9, roundUpToEnding: 95 });
    createCode("TENOFF", { amount: 1000, appliesOnEachItem: true }, [productOf(fixture.scarfVariantId)]);
    await shopper.postForm("/localization", { country_code: "DE", return_to: "/" });
    await shopper.get("/discount/TENOFF");
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 2 });

    // $45.00 × 0.9 = €40.50, rounded up to €40.95; $10.00 off each converts to €9.00 (a discount is not rounded up).
    expect((await shopper.get("/products/silk-scarf")).text).toContain("€40,95");
    const json = await cart();
    expect(json).toMatchObject({ currency: "EUR", original_total_price: 8190, total_discount: 1800, total_price: 6390 });
    expect(json.items[0]).toMatchObject({ price: 4095, final_line_price: 6390 });
    expect((await shopper.get("/checkout")).text).toContain("<strong data-total>€63,90 EUR</strong>");

    const { order, payload } = await pay();
    expect(order.presentment).toEqual({ currencyCode: "EUR", subtotal: 6390, total: 6390 });
    expect(order.lines[0]).toMatchObject({ price: 4550, discount: 2000, presentment: { price: 4095, discount: 1800 } });
    expect(payload).toMatchObject({
      currency: "USD",
      presentment_currency: "EUR",
      total_price: "71.00",
      total_price_set: { shop_money: { amount: "71.00", currency_code: "USD" }, presentment_money: { amount: "63.90", currency_code: "EUR" } },
      total_discounts_set: { shop_money: { amount: "20.00", currency_code: "USD" }, presentment_money: { amount: "18.00", currency_code: "EUR" } },
      discount_applications: [{ value: "9.00", value_type: "fixed_amount", allocation_method: "each" }],
      line_items: [{ price: "45.50", price_set: { presentment_money: { amount: "40.95", currency_code: "EUR" } } }],
    });
    const thanks = (await shopper.get(`/checkouts/thank-you/${numericIdOf(order.id)}`)).text;
    expect(thanks).toContain("Total paid: <strong>€63,90 EUR</strong>");
    expect(thanks).toContain('"currency":{"active":"EUR","rate":"0.9"}');
  });
});
