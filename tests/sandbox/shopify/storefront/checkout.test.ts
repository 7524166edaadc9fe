// Checkout turns the browser's cart into a paid order through the sandbox state: line
// properties and cart attributes carried, a /discount/<code> link applied, stock taken, the
// cart replaced, and the changes announced for the webhook module to deliver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../index";
import { numericIdOf } from "../ids";
import type { SandboxChange } from "../state";
import { Shopper } from "./test-client";
import { addFixtureShop, type FixtureShop } from "./test-fixtures";

let emulator: ShopifyEmulator;
let fixture: FixtureShop;
let shopper: Shopper;
let changes: SandboxChange[];
let shopCount = 0;

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9" });
  emulator.state.on((change) => changes.push(change));
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  shopCount += 1;
  changes = [];
  fixture = addFixtureShop(emulator.state, `checkout-shop-${shopCount}.myshopify.com`, emulator.url);
  shopper = new Shopper(emulator.url, fixture.shop.domain);
});

const available = (variantId: string) => emulator.state.availableQuantity(fixture.shop.domain, emulator.state.findVariant(fixture.shop.domain, variantId)!);

describe("checkout", () => {
  it("shows the cart with a Pay now button", async () => {
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 2, properties: { Host: "Ada" } });
    const page = await shopper.get("/checkout");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Silk Scarf");
    expect(page.text).toContain("<dt>Host</dt><dd>Ada</dd>");
    expect(page.text).toContain("$90.00 USD");
    expect(page.text).toMatch(/<button type="submit" class="button">Pay now<\/button>/);
  });

  it("creates a paid order with the line properties and cart attributes, takes the stock and starts a new cart", async () => {
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 2, properties: { _live_show: "show-42" } });
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId), quantity: 1 });
    await shopper.postJson("/cart/update.js", { attributes: { live_show: "show-42" } });
    const cartToken = shopper.cookies.get("cart");

    const paid = await shopper.request("POST", "/checkout");
    expect(paid.status).toBe(303);
    const [order] = emulator.state.getShop(fixture.shop.domain).orders;
    expect(order).toBeDefined();
    expect(paid.headers.get("location")).toBe(`/checkouts/thank-you/${numericIdOf(order!.id)}`);
    expect(order!.lines.map((line) => [line.variantId, line.quantity, line.properties])).toEqual([
      [fixture.scarfVariantId, 2, [{ name: "_live_show", value: "show-42" }]],
      [fixture.jacketMediumId, 1, []],
    ]);
    expect(order!.attributes).toEqual([{ key: "live_show", value: "show-42" }]);
    expect(order!.total).toBe(2 * 4500 + 12900);

    expect(available(fixture.scarfVariantId)).toBe(1);
    expect(available(fixture.jacketMediumId)).toBe(4);
    expect(changes.map((change) => change.topic)).toEqual(["inventory_levels/update", "inventory_levels/update", "orders/paid"]);

    expect(shopper.cookies.get("cart")).not.toBe(cartToken);
    const cart = (await shopper.get("/cart.js")).json<{ item_count: number; attributes: object }>();
    expect(cart).toMatchObject({ item_count: 0, attributes: {} });

    const thanks = await shopper.get(paid.headers.get("location")!);
    expect(thanks.text).toContain(`<strong data-order-name>${order!.name}</strong>`);
  });

  it("applies a discount code from a /discount link and forgets it afterwards", async () => {
    emulator.state.createDiscount(fixture.shop.domain, {
      code: "LIVE10",
      title: "Live show 10%",
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: null,
      value: { percentage: 0.1 },
      productIds: [],
      variantIds: [],
    });
    const link = await shopper.get("/discount/LIVE10?redirect=%2Fcheckout");
    expect(link.status).toBe(302);
    expect(link.headers.get("location")).toBe("/checkout");
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId), quantity: 1 });
    expect((await shopper.get("/checkout")).text).toContain("<strong data-discount-code>LIVE10</strong>");

    await shopper.request("POST", "/checkout");
    const [order] = emulator.state.getShop(fixture.shop.domain).orders;
    expect(order!.discountCodes).toEqual(["LIVE10"]);
    expect(order!.total).toBe(12900 - 1290);
    expect(shopper.cookies.has("discount_code")).toBe(false);
  });

  it("ignores an unknown discount code and says so", async () => {
    await shopper.get("/discount/NOPE");
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId) });
    expect((await shopper.get("/checkout")).text).toContain("this code does not exist");
    expect((await shopper.request("POST", "/checkout")).status).toBe(303);
    expect(emulator.state.getShop(fixture.shop.domain).orders[0]!.discountCodes).toEqual([]);
  });

  it("attaches the signed-in customer to the order", async () => {
    const signIn = await shopper.postForm("/account/login", { "customer[email]": "Ada@Example.com", "customer[first_name]": "Ada" });
    expect(signIn.status).toBe(302);
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId) });
    await shopper.request("POST", "/checkout");
    expect(emulator.state.getShop(fixture.shop.domain).orders[0]!.customer).toMatchObject({ email: "ada@example.com", firstName: "Ada" });
  });

  it("refuses to oversell stock that went elsewhere since the cart was built, and keeps the cart", async () => {
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.scarfVariantId), quantity: 3 });
    const location = fixture.shop.locations[0]!.id;
    const item = emulator.state.findVariant(fixture.shop.domain, fixture.scarfVariantId)!.inventoryItem.id;
    emulator.state.setAvailable(fixture.shop.domain, item, location, 1);

    const refused = await shopper.request("POST", "/checkout");
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('role="alert"');
    expect(emulator.state.getShop(fixture.shop.domain).orders).toEqual([]);
    expect((await shopper.get("/cart.js")).json<{ item_count: number }>().item_count).toBe(3);
  });
});
