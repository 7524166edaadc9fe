// The admin shell over HTTP: the iframe's launch parameters (checked with shopify-api's own
// validators), the App Bridge stand-in script and the two endpoints it calls.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../index";
import { testShopifyApi } from "../testing";
import { sandboxShopify } from "../../config";
import { addFixtureShop, type FixtureShop } from "../storefront/test-fixtures";
import { APP_BRIDGE_PATH, PICKER_PRODUCTS_PATH, SESSION_TOKEN_PATH, adminAppUrl, appBridgeUrl } from "./index";
import type { PickerProduct } from "./resource-catalog";

const APP_URL = "http://127.0.0.1:9";
let emulator: ShopifyEmulator;
let fixture: FixtureShop;
let shopCount = 0;
const shopify = testShopifyApi();

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: APP_URL });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  shopCount += 1;
  fixture = addFixtureShop(emulator.state, `admin-shop-${shopCount}.myshopify.com`, emulator.url);
});

async function iframeSrc(adminUrl: string): Promise<URL> {
  const response = await fetch(adminUrl);
  expect(response.status).toBe(200);
  const html = await response.text();
  const src = /<iframe name="app-iframe"[^>]* src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error("No app iframe in the admin page");
  return new URL(src.replace(/&amp;/g, "&"));
}

describe("the admin frame", () => {
  it("loads the app's /app in an iframe with Shopify's launch parameters and a valid session token", async () => {
    const src = await iframeSrc(adminAppUrl(emulator.url, fixture.shop.domain));
    expect(`${src.origin}${src.pathname}`).toBe(`${APP_URL}/app`);
    expect(src.searchParams.get("embedded")).toBe("1");
    expect(src.searchParams.get("shop")).toBe(fixture.shop.domain);
    expect(src.searchParams.get("locale")).toBe("en");
    const host = src.searchParams.get("host")!;
    expect(Buffer.from(host, "base64").toString()).toBe(`admin.shopify.com/store/admin-shop-${shopCount}`);
    expect(shopify.utils.sanitizeHost(host)).toBe(host);
    const payload = await shopify.session.decodeSessionToken(src.searchParams.get("id_token")!);
    expect(payload).toMatchObject({ dest: `https://${fixture.shop.domain}`, aud: sandboxShopify.apiKey, iss: `https://${fixture.shop.domain}/admin` });
  });

  it("opens deep links on the app's own path and passes other query parameters on", async () => {
    const src = await iframeSrc(`${emulator.url}/admin/apps/live-shows/app/shows/12?shop=${fixture.shop.domain}&tab=products&id_token=forged`);
    expect(src.pathname).toBe("/app/shows/12");
    expect(src.searchParams.get("tab")).toBe("products");
    expect(src.searchParams.getAll("id_token")).toHaveLength(1);
    expect(src.searchParams.get("id_token")).not.toBe("forged");
  });

  it("draws the admin chrome around the app", async () => {
    const html = await (await fetch(adminAppUrl(emulator.url, fixture.shop.domain))).text();
    expect(html).toContain('<nav class="leftnav" aria-label="Admin navigation">');
    expect(html).toContain("<ul data-app-nav></ul>");
    expect(html).toContain("Fixture Boutique");
    expect(html).toContain(`"appOrigin":"${APP_URL}"`);
  });

  it("refuses a shop the sandbox does not have", async () => {
    expect((await fetch(`${emulator.url}/admin/apps/live-shows?shop=nobody.myshopify.com`)).status).toBe(404);
  });
});

describe("the App Bridge stand-in", () => {
  it("is served as JavaScript at the URL the app's AppProvider is given", async () => {
    expect(appBridgeUrl(emulator.url)).toBe(`${emulator.url}${APP_BRIDGE_PATH}`);
    const response = await fetch(appBridgeUrl(emulator.url));
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const script = await response.text();
    expect(script).toContain("window.shopify = {");
    expect(script).toContain("shopify-reload");
  });

  it("hands out fresh session tokens to any origin", async () => {
    const response = await fetch(`${emulator.url}${SESSION_TOKEN_PATH}?shop=${fixture.shop.domain}`, { headers: { origin: APP_URL } });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const { token, exp } = (await response.json()) as { token: string; exp: number };
    const payload = await shopify.session.decodeSessionToken(token);
    expect(payload.dest).toBe(`https://${fixture.shop.domain}`);
    expect(exp).toBe(payload.exp);
    const preflight = await fetch(`${emulator.url}${SESSION_TOKEN_PATH}`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect((await fetch(`${emulator.url}${SESSION_TOKEN_PATH}?shop=nobody.myshopify.com`)).status).toBe(404);
  });

  it("lists the catalog for the resource picker in App Bridge's product shape", async () => {
    const response = await fetch(`${emulator.url}${PICKER_PRODUCTS_PATH}?shop=${fixture.shop.domain}`);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const { products } = (await response.json()) as { products: PickerProduct[] };
    expect(products.map((product) => product.handle)).toEqual(["silk-scarf", "denim-jacket", "secret-sample"]);
    const jacket = products[1]!;
    expect(jacket).toMatchObject({
      id: expect.stringMatching(/^gid:\/\/shopify\/Product\/\d+$/),
      title: "Denim Jacket",
      images: [{ originalSrc: `${emulator.url}/cdn/products/denim-jacket.svg` }],
      totalVariants: 3,
      totalInventory: 5,
      hasOnlyDefaultVariant: false,
    });
    expect(jacket.variants.map((variant) => [variant.id, variant.title, variant.price, variant.inventoryQuantity, variant.availableForSale])).toEqual([
      [fixture.jacketSmallId, "S", "129.00", 0, false],
      [fixture.jacketMediumId, "M", "129.00", 5, true],
      [fixture.jacketLargeId, "L", "139.00", null, true],
    ]);

    const searched = (await (await fetch(`${emulator.url}${PICKER_PRODUCTS_PATH}?shop=${fixture.shop.domain}&query=scarf&draft=false`)).json()) as { products: PickerProduct[] };
    expect(searched.products.map((product) => product.handle)).toEqual(["silk-scarf"]);
    const noDrafts = (await (await fetch(`${emulator.url}${PICKER_PRODUCTS_PATH}?shop=${fixture.shop.domain}&draft=false`)).json()) as { products: PickerProduct[] };
    expect(noDrafts.products.map((product) => product.handle)).not.toContain("secret-sample");
  });
});
