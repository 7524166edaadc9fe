import { describe, expect, it } from "vitest";
import { DEFAULT_ID_BASES, IdSequence } from "./ids";
import { fromDecimalString, toDecimalString } from "./money";
import { JsonInteger, stringifyRawJson } from "./raw-json";
import { SandboxState, type SandboxChange } from "./state";
import { restTimestamp, webhookPayload } from "./webhook-payloads";

const SHOP = "payloads.myshopify.com";

function setup(ids?: IdSequence) {
  const state = new SandboxState({ ids });
  const location = state.newLocation("Store", true);
  const shop = state.createShop({ domain: SHOP, currencyCode: "SEK", ianaTimezone: "Europe/Stockholm", locations: [location] });
  const product = state.addProduct(SHOP, {
    handle: "cap",
    title: "Cap",
    imageUrl: "http://x/cap.svg",
    options: [{ name: "Color", values: ["Blue"] }],
    variants: [{ optionValues: ["Blue"], sku: "CAP-B", price: 29950, compareAtPrice: 39900, stock: { [location.id]: 5 } }],
  });
  const changes: SandboxChange[] = [];
  state.on((change) => changes.push(change));
  const body = (change: SandboxChange | undefined) => {
    if (!change) throw new Error("no change");
    return stringifyRawJson(webhookPayload(change, shop));
  };
  return { state, shop, product, changes, body };
}

describe("raw JSON", () => {
  it("writes integers beyond 2^53 exactly, which JSON.stringify cannot", () => {
    expect(stringifyRawJson({ id: new JsonInteger("9007199254741001"), nested: [new JsonInteger("1"), "a", null] })).toBe('{"id":9007199254741001,"nested":[1,"a",null]}');
    expect(JSON.stringify({ id: Number("9007199254741001") })).not.toContain("9007199254741001");
  });
});

describe("money", () => {
  it("converts minor units and decimal strings both ways, exactly", () => {
    expect(toDecimalString(29950, "SEK")).toBe("299.50");
    expect(toDecimalString(-5, "SEK")).toBe("-0.05");
    expect(toDecimalString(1200, "JPY")).toBe("1200");
    expect(fromDecimalString("299.5", "SEK")).toBe(29950);
    expect(fromDecimalString(0.1, "SEK")).toBe(10);
    expect(() => fromDecimalString("1.005", "SEK")).toThrow();
  });
});

describe("webhook payloads", () => {
  it("inventory_levels/update names the location in location_id and the level by its own id, ids past 2^53 digit for digit", () => {
    const { state, product, changes, body } = setup(new IdSequence({ ...DEFAULT_ID_BASES, Location: 18_014_398_509_481_985n }));
    const item = product.variants[0]?.inventoryItem;
    const level = item?.levels[0];
    if (!item || !level) throw new Error("no level");
    state.setAvailable(SHOP, item.id, level.locationId, 4);
    const digits = (id: string) => id.split("/").pop() as string;
    const [itemDigits, locationDigits, levelDigits] = [digits(item.id), digits(level.locationId), digits(level.id)];
    expect(BigInt(locationDigits)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(levelDigits).not.toBe(locationDigits);
    expect(body(changes[0])).toBe(
      `{"inventory_item_id":${itemDigits},"location_id":${locationDigits},"available":4,"updated_at":"${restTimestamp(level.updatedAt, "Europe/Stockholm")}",` +
        `"admin_graphql_api_id":"gid://shopify/InventoryLevel/${levelDigits}?inventory_item_id=${itemDigits}"}`,
    );
  });

  it("products/update carries the REST product with string prices and digit-exact ids", () => {
    const { state, product, changes, body } = setup();
    state.updateProduct(SHOP, product.id, { title: "Cap v2" });
    const raw = body(changes[0]);
    const parsed = JSON.parse(raw) as { title: string; variants: { price: string; compare_at_price: string; admin_graphql_api_id: string }[]; admin_graphql_api_id: string; status: string };
    expect(parsed).toMatchObject({ title: "Cap v2", status: "active", admin_graphql_api_id: product.id, variants: [{ price: "299.50", compare_at_price: "399.00" }] });
    expect(raw).toContain(`"id":${product.variants[0]?.id.split("/").pop()},`);
  });

  it("products/delete is just the id; inventory_items/update carries tracked", () => {
    const { state, product, changes, body } = setup();
    state.setTracked(SHOP, product.variants[0]?.inventoryItem.id ?? "", false);
    state.deleteProduct(SHOP, product.id);
    expect(JSON.parse(body(changes[0]))).toMatchObject({ tracked: false, sku: "CAP-B", admin_graphql_api_id: product.variants[0]?.inventoryItem.id });
    expect(body(changes[1])).toBe(`{"id":${product.id.split("/").pop()}}`);
  });

  it("compliance topics name the shop and the customer", () => {
    const { state, shop, changes, body } = setup();
    state.requestCustomerRedact(SHOP, { id: "gid://shopify/Customer/9007199254790001", email: "c@example.com" });
    state.requestShopRedact(SHOP);
    expect(body(changes[0])).toContain('"customer":{"id":9007199254790001,');
    expect(JSON.parse(body(changes[1]))).toEqual({ shop_id: Number(shop.id.split("/").pop()), shop_domain: SHOP });
  });

  it("writes times with the shop's UTC offset", () => {
    expect(restTimestamp("2026-07-01T10:00:00.250Z", "Europe/Stockholm")).toBe("2026-07-01T12:00:00.250+02:00"); // a fixed summer instant: Stockholm's daylight-saving offset
    expect(restTimestamp("2026-01-01T10:00:00.000Z", "America/New_York")).toBe("2026-01-01T05:00:00.000-05:00"); // a fixed winter instant: New York's standard offset, behind UTC
    const now = new Date().toISOString();
    expect(restTimestamp(now, "UTC")).toBe(now.replace(/Z$/, "+00:00"));
  });
});
