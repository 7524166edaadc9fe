import { describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN, seedDemoShop } from "./seed";
import { SandboxState } from "./state";

const ORIGIN = "http://127.0.0.1:4321";

describe("the demo shop", () => {
  const state = new SandboxState();
  const shop = seedDemoShop(state, { storefrontOrigin: ORIGIN });
  const active = shop.products.filter((product) => product.status === "ACTIVE");
  const variants = active.flatMap((product) => product.variants);
  const available = variants.map((variant) => state.availableQuantity(DEMO_SHOP_DOMAIN, variant));

  it("is Northwind Outfitters in SEK, Stockholm time, on the storefront's origin", () => {
    expect(shop).toMatchObject({
      domain: "northwind-demo.myshopify.com",
      name: "Northwind Outfitters",
      currencyCode: "SEK",
      moneyFormat: "{{amount_with_comma_separator}} kr",
      ianaTimezone: "Europe/Stockholm",
      primaryDomainUrl: ORIGIN,
    });
  });

  it("sells in SEK at home and in EUR to the Nordics market, rounded up to .95", () => {
    expect(shop.markets.map(({ name, primary, countries, currencyCode }) => ({ name, primary, countries, currencyCode }))).toEqual([
      { name: "Northwind Outfitters", primary: true, countries: ["SE"], currencyCode: "SEK" },
      { name: "Nordics", primary: false, countries: ["NO", "DK", "FI", "IS"], currencyCode: "EUR" },
    ]);
    const sweater = active.find((product) => product.handle === "merino-crew-sweater")?.variants[0];
    if (!sweater) throw new Error("The seed has no Merino Crew Sweater");
    // 899.00 SEK × 0.087 = 78.213 EUR, rounded up to 78.95.
    expect(state.contextualPrices(DEMO_SHOP_DOMAIN, sweater, "NO").price).toEqual({ amount: 7895, currencyCode: "EUR" });
    expect(state.contextualPrices(DEMO_SHOP_DOMAIN, sweater, "SE").price).toEqual({ amount: 89900, currencyCode: "SEK" });
  });

  it("has two locations that sell online and a warehouse that does not", () => {
    expect(shop.locations.map((location) => location.fulfillsOnlineOrders)).toEqual([true, true, false]);
  });

  it("sells at least 30 products with size × colour variants and storefront image urls", () => {
    expect(active.length).toBeGreaterThanOrEqual(30);
    expect(active.every((product) => product.imageUrl === `${ORIGIN}/cdn/products/${product.handle}.svg`)).toBe(true);
    expect(active.some((product) => product.options.map((option) => option.name).join() === "Size,Color")).toBe(true);
    expect(new Set(variants.map((variant) => variant.sku)).size).toBe(variants.length);
  });

  it("covers low, sold-out, untracked and warehouse-only stock", () => {
    expect(available.some((quantity) => quantity !== null && quantity >= 1 && quantity <= 3)).toBe(true);
    expect(available.filter((quantity) => quantity === 0).length).toBeGreaterThan(3);
    expect(available.filter((quantity) => quantity === null).length).toBeGreaterThanOrEqual(2);
    const warehouseOnly = variants.filter((variant) => state.availableQuantity(DEMO_SHOP_DOMAIN, variant) === 0 && state.totalQuantity(variant) > 0);
    expect(warehouseOnly.length).toBeGreaterThan(0);
  });

  it("is the same every time", () => {
    const again = new SandboxState();
    const copy = seedDemoShop(again, { storefrontOrigin: ORIGIN });
    expect(copy.products.map((product) => product.variants.map((variant) => [variant.id, variant.inventoryItem.levels.map((level) => level.available)]))).toEqual(
      shop.products.map((product) => product.variants.map((variant) => [variant.id, variant.inventoryItem.levels.map((level) => level.available)])),
    );
  });
});
