// The AJAX Cart API over HTTP: lines keyed by variant and properties, cart attributes, the
// stock checks and Shopify's error shapes, form posts, and ids beyond 2^53 kept exact.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../index";
import { numericIdOf } from "../ids";
import { parseExact } from "./exact-json";
import { Shopper } from "./test-client";
import { addFixtureShop, type FixtureShop } from "./test-fixtures";

interface CartLineBody {
  id: string | number;
  variant_id: string | number;
  product_id: string | number;
  key: string;
  title: string;
  quantity: number;
  price: number;
  line_price: number;
  properties: Record<string, string>;
  handle: string;
  url: string;
  image: string | null;
}
interface CartBody {
  token: string;
  items: CartLineBody[];
  item_count: number;
  total_price: number;
  currency: string;
  attributes: Record<string, string>;
  note: string;
}

let emulator: ShopifyEmulator;
let fixture: FixtureShop;
let shopper: Shopper;
let shopCount = 0;

beforeAll(async () => {
  // Port 9 refuses connections: webhook deliveries fail fast and are only logged by the emulator.
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9" });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  shopCount += 1;
  fixture = addFixtureShop(emulator.state, `cart-shop-${shopCount}.myshopify.com`, emulator.url);
  shopper = new Shopper(emulator.url, fixture.shop.domain);
});

const idOf = (gid: string) => numericIdOf(gid);

async function readCart(who = shopper): Promise<CartBody> {
  const response = await who.get("/cart.js");
  expect(response.status).toBe(200);
  return parseExact(response.text) as CartBody;
}

describe("POST /cart/add.js", () => {
  it("adds a line with properties, keeps ids exact and sets the cart cookie", async () => {
    // Written by hand: JSON.stringify could not hold a variant id past 2^53.
    const response = await shopper.postJson("/cart/add.js", `{"id": ${idOf(fixture.scarfVariantId)}, "quantity": 2, "properties": {"_live_show": "show-1", "Host": "Ada", "Blank": ""}}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain(`"variant_id":${idOf(fixture.scarfVariantId)}`);
    const line = parseExact(response.text) as CartLineBody;
    expect(line).toMatchObject({
      id: idOf(fixture.scarfVariantId),
      variant_id: idOf(fixture.scarfVariantId),
      quantity: 2,
      price: 4500,
      line_price: 9000,
      title: "Silk Scarf",
      handle: "silk-scarf",
      properties: { _live_show: "show-1", Host: "Ada" },
      url: `/products/silk-scarf?variant=${idOf(fixture.scarfVariantId)}`,
      image: `${emulator.url}/cdn/products/silk-scarf.svg`,
    });
    expect(line.key).toMatch(new RegExp(`^${idOf(fixture.scarfVariantId)}:[0-9a-f]{32}$`));
    expect(shopper.cookies.get("cart")).toBeTruthy();

    const cart = await readCart();
    expect(cart).toMatchObject({ token: shopper.cookies.get("cart"), item_count: 2, total_price: 9000, currency: "USD", attributes: {} });
    expect(cart.items).toHaveLength(1);
  });

  it("keeps the same variant from two shows on two lines, and merges identical lines", async () => {
    const id = idOf(fixture.jacketMediumId);
    await shopper.postJson("/cart/add.js", { id, quantity: 1, properties: { _live_show: "a" } });
    await shopper.postJson("/cart/add.js", { id, quantity: 1, properties: { _live_show: "b" } });
    await shopper.postJson("/cart/add.js", { id, quantity: 1, properties: { _live_show: "a" } });
    const cart = await readCart();
    expect(cart.items.map((item) => [item.properties._live_show, item.quantity])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    expect(cart.items[0]?.title).toBe("Denim Jacket - M");
  });

  it("accepts `items` and answers with the lines it touched", async () => {
    const response = await shopper.postJson("/cart/add.js", {
      items: [
        { id: idOf(fixture.jacketMediumId), quantity: 1 },
        { id: fixture.jacketLargeId, quantity: 2, properties: { gift: "yes" } }, // a gid is accepted too
      ],
    });
    expect(response.status).toBe(200);
    const body = parseExact(response.text) as { items: CartLineBody[] };
    expect(body.items.map((item) => [String(item.variant_id), item.quantity])).toEqual([
      [idOf(fixture.jacketMediumId), 1],
      [idOf(fixture.jacketLargeId), 2],
    ]);
  });

  it("refuses a sold-out variant with Shopify's 422 body", async () => {
    const response = await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketSmallId), quantity: 1 });
    expect(response.status).toBe(422);
    expect(response.json()).toEqual({ status: 422, message: "Cart Error", description: "The product 'Denim Jacket - S' is already sold out." });
    expect((await readCart()).item_count).toBe(0);
  });

  it("refuses more than the stock, counting what is already in the cart, and adds nothing", async () => {
    const id = idOf(fixture.scarfVariantId); // 3 in stock
    const tooMany = await shopper.postJson("/cart/add.js", { id, quantity: 5 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json()).toEqual({ status: 422, message: "Cart Error", description: "You can only add 3 of this item to your cart" });

    expect((await shopper.postJson("/cart/add.js", { id, quantity: 2 })).status).toBe(200);
    const oneLeft = await shopper.postJson("/cart/add.js", { items: [{ id: idOf(fixture.jacketMediumId), quantity: 1 }, { id, quantity: 2 }] });
    expect(oneLeft.status).toBe(422);
    expect(oneLeft.json<{ description: string }>().description).toBe("You can only add 1 of this item to your cart");
    const cart = await readCart();
    expect(cart.items.map((item) => item.quantity)).toEqual([2]); // the jacket in the same call was not added either
  });

  it("lets untracked stock be bought in any quantity", async () => {
    expect((await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketLargeId), quantity: 250 })).status).toBe(200);
  });

  it("does not sell a draft product or an unknown variant", async () => {
    const draft = await shopper.postJson("/cart/add.js", { id: idOf(fixture.draftVariantId) });
    expect(draft.status).toBe(404);
    expect(draft.json()).toEqual({ status: 404, message: "Cart Error", description: "Cannot find variant" });
    const unknown = await shopper.postJson("/cart/add.js", `{"id": 99999999999999999999}`);
    expect(unknown.status).toBe(404);
    expect((await shopper.postJson("/cart/add.js", {})).status).toBe(400);
  });

  it("takes a theme's form post with bracketed properties and redirects to the cart", async () => {
    const response = await shopper.postForm("/cart/add", { id: idOf(fixture.jacketMediumId), quantity: "2", "properties[_live_show]": "show-9" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/cart");
    const cart = await readCart();
    expect(cart.items[0]).toMatchObject({ quantity: 2, properties: { _live_show: "show-9" } });
  });

  it("keeps one cart per browser", async () => {
    await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketMediumId) });
    const other = new Shopper(emulator.url, fixture.shop.domain);
    expect((await readCart(other)).item_count).toBe(0);
    expect((await readCart()).item_count).toBe(1);
  });
});

describe("POST /cart/update.js, /cart/change.js, /cart/clear.js", () => {
  it("sets and removes cart attributes and the note, and updates quantities by key or variant id", async () => {
    const line = (await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketMediumId), properties: { _live_show: "a" } })).json<CartLineBody>();
    const updated = await shopper.postJson("/cart/update.js", {
      attributes: { live_show: "show-1", referrer: "stream" },
      note: "Gift wrap please",
      updates: { [line.key]: 3, [idOf(fixture.jacketLargeId)]: 1 },
    });
    expect(updated.status).toBe(200);
    let cart = parseExact(updated.text) as CartBody;
    expect(cart.attributes).toEqual({ live_show: "show-1", referrer: "stream" });
    expect(cart.note).toBe("Gift wrap please");
    expect(cart.items.map((item) => [String(item.variant_id), item.quantity])).toEqual([
      [idOf(fixture.jacketMediumId), 3],
      [idOf(fixture.jacketLargeId), 1], // update.js adds a variant it does not find
    ]);

    cart = parseExact((await shopper.postJson("/cart/update.js", { attributes: { referrer: "" } })).text) as CartBody;
    expect(cart.attributes).toEqual({ live_show: "show-1" });

    const tooMany = await shopper.postJson("/cart/update.js", { updates: { [line.key]: 6 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json<{ description: string }>().description).toBe("You can only add 2 of this item to your cart");
  });

  it("changes a line by key or by position, its properties too, and removes it at zero", async () => {
    const first = (await shopper.postJson("/cart/add.js", { id: idOf(fixture.scarfVariantId), properties: { _live_show: "a" } })).json<CartLineBody>();
    await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketMediumId) });

    let cart = parseExact((await shopper.postJson("/cart/change.js", { id: first.key, quantity: 3 })).text) as CartBody;
    expect(cart.items[0]?.quantity).toBe(3);

    cart = parseExact((await shopper.postJson("/cart/change.js", { line: 1, properties: { _live_show: "b" } })).text) as CartBody;
    expect(cart.items[0]).toMatchObject({ quantity: 3, properties: { _live_show: "b" } });
    expect(cart.items[0]?.key).not.toBe(first.key);

    const overStock = await shopper.postJson("/cart/change.js", { line: 1, quantity: 4 });
    expect(overStock.status).toBe(422);

    cart = parseExact((await shopper.postJson("/cart/change.js", { id: idOf(fixture.jacketMediumId), quantity: 0 })).text) as CartBody;
    expect(cart.items).toHaveLength(1);

    const missing = await shopper.postJson("/cart/change.js", { line: 7, quantity: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ status: 400, message: "Cart Error", description: "no valid id or line parameter" });
  });

  it("clears the lines but keeps the attributes", async () => {
    await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketMediumId) });
    await shopper.postJson("/cart/update.js", { attributes: { live_show: "show-1" } });
    const cart = parseExact((await shopper.postJson("/cart/clear.js", {})).text) as CartBody;
    expect(cart.items).toEqual([]);
    expect(cart.attributes).toEqual({ live_show: "show-1" });
  });

  it("drops a line whose product was deleted", async () => {
    await shopper.postJson("/cart/add.js", { id: idOf(fixture.jacketMediumId) });
    const product = emulator.state.findVariant(fixture.shop.domain, fixture.jacketMediumId)!.productId;
    emulator.state.deleteProduct(fixture.shop.domain, product);
    expect((await readCart()).items).toEqual([]);
  });
});
