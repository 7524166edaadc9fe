// The storefront theme renders the app's theme extension as Shopify would: the "Live show"
// block with the merchant's settings (schema defaults otherwise), the app embed before </body>,
// each extension asset once in the head, and the assets themselves served from the CDN path.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../index";
import { numericIdOf } from "../ids";
import { storefrontOf } from "./index";
import { Shopper } from "./test-client";
import { addFixtureShop, type FixtureShop } from "./test-fixtures";
import { THEME_CONTROL_PATH } from "./theme-routes";

let emulator: ShopifyEmulator;
let fixture: FixtureShop;
let shopper: Shopper;
let shopCount = 0;

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9" });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  shopCount += 1;
  fixture = addFixtureShop(emulator.state, `theme-shop-${shopCount}.myshopify.com`, emulator.url);
  shopper = new Shopper(emulator.url, fixture.shop.domain);
});

/** The opening tag of the block's <section>, whitespace folded. */
function blockTag(html: string): string {
  const match = /<section\s[^>]*data-live-shows-block[^>]*>/.exec(html);
  if (!match) throw new Error("No live show block in the page");
  return match[0].replace(/\s+/g, " ");
}

describe("the live show app block", () => {
  it("renders on the home page with the schema's defaults, inside Shopify's block wrapper", async () => {
    const page = await shopper.get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const tag = blockTag(page.text);
    expect(tag).toContain('class="live-shows live-shows--side"');
    expect(tag).toContain('data-show-id=""');
    expect(tag).toContain('data-chat="true"');
    expect(tag).toContain('data-locale="en"');
    expect(tag).toContain('style="--live-shows-accent: #1f2937;"');
    expect(tag).toContain('aria-label="Live shopping show"');
    expect(page.text).toMatch(/<div id="shopify-block-live_show_1" class="shopify-block shopify-app-block"><section/);
    expect(page.text).toContain("Loading the show…"); // the `t` filter read locales/en.default.json
    expect(page.text).not.toContain("{% schema %}");
    expect(page.text).not.toContain('"target": "section"');
  });

  it("renders the merchant's settings, escaped", async () => {
    storefrontOf(emulator.state).theme.configure(fixture.shop.domain, {
      home: [{ block: "live-show", id: "hero", settings: { show_id: 'show-"7"', layout: "stacked", heading: "Friday <live> drop", accent_color: "#e11d48", show_chat: false } }],
    });
    const page = await shopper.get("/");
    const tag = blockTag(page.text);
    expect(tag).toContain('class="live-shows live-shows--stacked"');
    expect(tag).toContain('data-show-id="show-&quot;7&quot;"');
    expect(tag).toContain('data-chat="false"');
    expect(tag).toContain('style="--live-shows-accent: #e11d48;"');
    expect(page.text).toContain('id="shopify-block-hero"');
    expect(page.text).toContain("Friday &lt;live&gt; drop");
    expect(page.text).not.toContain("Loading the show…");
  });

  it("hands the bootstrap the buyer's country and language: the shop's own country until the country selector picks another market's", async () => {
    emulator.state.addMarket(fixture.shop.domain, { name: "Nordics", countries: ["SE", "NO"], currencyCode: "SEK", exchangeRate: 10.5, roundUpToEnding: 0 });
    expect(blockTag((await shopper.get("/")).text)).toContain('data-context="country=US&amp;locale=en"');

    const chosen = await shopper.postForm("/localization", { form_type: "localization", country_code: "SE", return_to: "/products/silk-scarf" });
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/products/silk-scarf");
    expect(blockTag((await shopper.get("/")).text)).toContain('data-context="country=SE&amp;locale=en"');

    // A country no market sells to changes nothing.
    await shopper.postForm("/localization", { country_code: "JP", return_to: "/" });
    expect(blockTag((await shopper.get("/")).text)).toContain('data-context="country=SE&amp;locale=en"');
  });

  it("renders on the product page next to the buy form, and can be removed", async () => {
    const product = await shopper.get("/products/denim-jacket");
    expect(product.status).toBe(200);
    expect(product.text).toContain("data-live-shows-block");
    expect(product.text).toContain(`<option value="${numericIdOf(fixture.jacketSmallId)}"`);
    expect(product.text).toMatch(/S – \$129\.00 \(sold out\)/);
    expect(product.text).toContain('<form method="post" action="/cart/add"');

    const settings = await shopper.postJson(`${THEME_CONTROL_PATH}?shop=${fixture.shop.domain}`, { product: [] });
    expect(settings.status).toBe(200);
    expect((await shopper.get("/products/denim-jacket")).text).not.toContain("data-live-shows-block");
    expect((await shopper.get("/")).text).toContain("data-live-shows-block");
  });
});

describe("the live now app embed", () => {
  it("is injected before </body> with its defaults, and the extension's assets load once from the head", async () => {
    const html = (await shopper.get("/")).text;
    const embedAt = html.indexOf("data-live-shows-embed");
    expect(embedAt).toBeGreaterThan(html.indexOf("</main>"));
    expect(html.indexOf("</body>")).toBeGreaterThan(embedAt);
    expect(html).toMatch(/<aside\s+class="live-shows-pill"[^>]*data-position="bottom-right"[^>]*aria-label="A live show is on now"/);

    const head = html.slice(0, html.indexOf("</head>"));
    expect(head.match(/<script src="\/cdn\/extensions\/live-shows\/assets\/live-shows\.js\?v=\w+" defer="defer"><\/script>/g)).toHaveLength(1);
    expect(head.match(/<link href="\/cdn\/extensions\/live-shows\/assets\/live-shows\.css\?v=\w+" rel="stylesheet"/g)).toHaveLength(1);
    expect(html.slice(html.indexOf("</head>")).includes("live-shows.js")).toBe(false);
    expect(head).toContain(`"shop":"${fixture.shop.domain}"`);
  });

  it("takes its settings and disappears when switched off", async () => {
    const { theme } = storefrontOf(emulator.state);
    theme.configure(fixture.shop.domain, { embeds: { "live-now": { enabled: true, settings: { position: "bottom-left" } } } });
    expect((await shopper.get("/")).text).toContain('data-position="bottom-left"');
    theme.configure(fixture.shop.domain, { embeds: { "live-now": { enabled: false } } });
    expect((await shopper.get("/")).text).not.toContain("data-live-shows-embed");
  });

  it("refuses blocks the extension does not have", async () => {
    const refused = await shopper.postJson(`${THEME_CONTROL_PATH}?shop=${fixture.shop.domain}`, { home: [{ block: "live-now" }] });
    expect(refused.status).toBe(422);
  });
});

describe("storefront pages and files", () => {
  it("lists the active catalog with prices and the cart count", async () => {
    await shopper.postJson("/cart/add.js", { id: numericIdOf(fixture.jacketMediumId), quantity: 2 });
    const html = (await shopper.get("/")).text;
    expect(html).toContain('data-product-handle="silk-scarf"');
    expect(html).toContain("From $129.00");
    expect(html).not.toContain("secret-sample");
    expect(html).toContain("<span data-cart-count>2</span>");
    const cartPage = await shopper.get("/cart");
    expect(cartPage.text).toContain("Denim Jacket - M");
  });

  it("serves the extension's assets with their content types", async () => {
    const script = await fetch(`${emulator.url}/cdn/extensions/live-shows/assets/live-shows.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("data-live-shows-block");
    const style = await fetch(`${emulator.url}/cdn/extensions/live-shows/assets/live-shows.css`);
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect((await fetch(`${emulator.url}/cdn/extensions/live-shows/assets/..%2F..%2Fshopify.app.toml`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/cdn/extensions/live-shows/assets/missing.js`)).status).toBe(404);
  });

  it("draws product images as SVG cards with the product's title", async () => {
    const image = await fetch(`${emulator.url}/cdn/products/silk-scarf.svg`);
    expect(image.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await image.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(">Silk Scarf</text>");
  });

  it("answers /products/<handle>.js with exact ids and a 404 page for unknown products", async () => {
    const json = await shopper.get("/products/denim-jacket.js");
    expect(json.text).toContain(`"id":${numericIdOf(fixture.jacketSmallId)},"title":"S"`);
    const missing = await shopper.get("/products/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("No product called nothing-here.");
  });
});
