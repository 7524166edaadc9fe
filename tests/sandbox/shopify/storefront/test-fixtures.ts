// A small, fixed catalog for the storefront's tests: numbers the assertions can rely on
// (3 scarves in stock, a jacket size that is sold out, one untracked size, a draft product).
import type { SandboxState, SandboxShop } from "../state";

export interface FixtureShop {
  shop: SandboxShop;
  scarfVariantId: string;
  jacketSmallId: string;
  jacketMediumId: string;
  jacketLargeId: string;
  draftVariantId: string;
}

export function addFixtureShop(state: SandboxState, domain: string, storefrontOrigin = "http://127.0.0.1"): FixtureShop {
  const shop = state.createShop({ domain, name: "Fixture Boutique" });
  const location = shop.locations[0]!.id;
  const image = (handle: string) => `${storefrontOrigin}/cdn/products/${handle}.svg`;
  const scarf = state.addProduct(domain, {
    handle: "silk-scarf",
    title: "Silk Scarf",
    imageUrl: image("silk-scarf"),
    options: [{ name: "Title", values: ["Default Title"] }],
    variants: [{ optionValues: ["Default Title"], sku: "SCARF", price: 4500, stock: { [location]: 3 } }],
  });
  const jacket = state.addProduct(domain, {
    handle: "denim-jacket",
    title: "Denim Jacket",
    imageUrl: image("denim-jacket"),
    options: [{ name: "Size", values: ["S", "M", "L"] }],
    variants: [
      { optionValues: ["S"], sku: "JACKET-S", price: 12900, stock: { [location]: 0 } },
      { optionValues: ["M"], sku: "JACKET-M", price: 12900, stock: { [location]: 5 } },
      { optionValues: ["L"], sku: "JACKET-L", price: 13900, stock: null },
    ],
  });
  const draft = state.addProduct(domain, {
    handle: "secret-sample",
    title: "Secret Sample",
    status: "DRAFT",
    imageUrl: image("secret-sample"),
    options: [{ name: "Title", values: ["Default Title"] }],
    variants: [{ optionValues: ["Default Title"], sku: "SAMPLE", price: 100, stock: { [location]: 10 } }],
  });
  return {
    shop,
    scarfVariantId: scarf.variants[0]!.id,
    jacketSmallId: jacket.variants[0]!.id,
    jacketMediumId: jacket.variants[1]!.id,
    jacketLargeId: jacket.variants[2]!.id,
    draftVariantId: draft.variants[0]!.id,
  };
}
