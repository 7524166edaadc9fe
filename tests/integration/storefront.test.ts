// The storefront's side of the app over real HTTP: requests go to the sandbox storefront's app
// proxy (/apps/live/*), which signs them as Shopify does and forwards them to the built app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { verifyViewerToken } from "~/realtime/viewer-token.server";
import type { BootstrapNotFound, ShowBootstrap } from "~/storefront/bootstrap-contract";
import { createPreviewToken } from "~/shows/preview-link.server";
import { sandboxAppSecret, sandboxShopify } from "../sandbox/config";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { CUSTOMER_COOKIE } from "../sandbox/shopify/storefront/cookies";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { formatMoney } from "../sandbox/shopify/storefront/money";
import { newPreviewLink } from "../support/preview-link";
import { openEventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, shopLocalTime, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;

beforeAll(async () => {
  stack = await startStack();
  shop = await openStorefrontShop(stack);
});

afterAll(async () => {
  await stack?.close();
});

const proxy = (path: string, init?: RequestInit) => fetch(shop.storefront(`/apps/live${path}`), init);

async function bootstrap(path: string): Promise<ShowBootstrap> {
  const response = await proxy(path);
  expect(response.status, await response.clone().text()).toBe(200);
  // Kept by the browser but revalidated on every load (a 304 when unchanged: bootstrap-snapshots.test.ts).
  expect(response.headers.get("cache-control")).toBe("private, no-cache");
  return (await response.json()) as ShowBootstrap;
}

describe("the bootstrap through the app proxy", () => {
  it("gives a live show's lineup with the shop's prices, stock from the cache (filled from Shopify), the pin, playback and its event stream", async () => {
    const { scarf, shirt, mug } = shop.products;
    const show = await createShow(shop, { title: "Linen and wool", products: [shirt, scarf, mug] });
    await stack.mux.connectEncoder(show.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    await showCommand(shop, show.id, { intent: "pin", showProductId: show.lineup.get(scarf.id) as string });

    const b = await bootstrap(`/shows/${show.id}`);
    expect(b.show).toMatchObject({ id: show.id, title: "Linen and wool", status: "live", rehearsal: false, hostName: "Astrid" });
    expect(b.lineup.map((product) => product.title)).toEqual(["Linen Shirt", "Wool Scarf", "Enamel Mug"]);
    expect(b.pinnedProductId).toBe(scarf.id);
    expect(b.lowStockThreshold).toBe(5);

    const sandboxShop = stack.shopify.state.getShop(shop.domain);
    const [shirtEntry, , mugEntry] = b.lineup;
    expect(shirtEntry).toMatchObject({ productId: shirt.id, path: "/products/linen-shirt", singleVariant: false, image: { url: shirt.imageUrl } });
    expect(shirtEntry?.variants.map((variant) => [variant.title, variant.available, variant.inStock])).toEqual([
      ["S", 3, true],
      ["M", 0, false], // 9 in the warehouse, which does not sell online
      ["L", 12, true],
    ]);
    const small = shirtEntry?.variants[0];
    expect(small?.price).toEqual({ amount: 89900, currency: "SEK", formatted: formatMoney(89900, sandboxShop.moneyFormat) });
    expect(small?.price.formatted).toBe("899,00 kr");
    expect(small?.compareAt?.formatted).toBe("1.199,00 kr");
    expect(small?.cartId).toBe(shirt.variants[0]?.id.split("/").pop());
    expect(mugEntry).toMatchObject({ singleVariant: true, variants: [{ available: null, inStock: true }] });

    // The variants' stock was read from Shopify into the cache, so their webhooks now reach viewers.
    const cached = await prisma.variantStock.findMany({ where: { shop: shop.domain, productId: shirt.id }, orderBy: { variantId: "asc" } });
    expect(cached.map((row) => row.available)).toEqual([3, 0, 12]);

    expect(b.playback).toEqual({
      src: stack.mux.playbackUrl(show.muxPlaybackId),
      streamType: "ll-live",
      playerUrl: expect.stringMatching(new RegExp(`^${stack.appUrl}/storefront/mux-player\\.js\\?v=\\d+\\.\\d+\\.\\d+$`)),
    });
    expect(b.poster).toBe(`${stack.mux.appEnv().MUX_IMAGE_URL}/${show.muxPlaybackId}/thumbnail.jpg`);

    const stream = new URL(b.realtime.url);
    expect(`${stream.origin}${stream.pathname}`).toBe(`${stack.appUrl}/realtime/shows/${show.id}`);
    expect(stream.searchParams.get("shop")).toBe(shop.domain);
    expect(verifyViewerToken(sandboxAppSecret, stream.searchParams.get("token"), show.id)).toBe(true);
    expect(Date.parse(b.realtime.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    // The storefront's own origin may open the stream the bootstrap names.
    const events = await openEventStream(b.realtime.url, { origin: stack.shopify.url });
    try {
      expect(events.status).toBe(200);
      expect(events.headers["access-control-allow-origin"]).toBe(stack.shopify.url);
      expect((await events.next()).event).toBe("snapshot");
    } finally {
      events.close();
    }
  });

  it("gives the embed a light answer for the current show, without the lineup", async () => {
    const b = await bootstrap("/shows/current?lite=1");
    expect(b.show.status).toBe("live");
    expect(b.lineup).toEqual([]);
    expect(b.playback?.streamType).toBe("ll-live");
  });

  it("says 404 with a reason for an unknown show, and for a rehearsal opened without its preview link", async () => {
    const unknown = await proxy("/shows/cm-no-such-show");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()) as BootstrapNotFound).toMatchObject({ reason: "unknown_show", error: expect.stringContaining(shop.domain) });

    const rehearsal = await createShow(shop, { title: "Dress rehearsal", products: [shop.products.mug], mode: "rehearsal" });
    expect((await proxy(`/shows/${rehearsal.id}`)).status).toBe(404);
    const link = await newPreviewLink(shop.admin, shop.domain, rehearsal.id);
    const previewed = await bootstrap(`/shows/${rehearsal.id}?preview=${link.token}`);
    expect(previewed.show).toMatchObject({ id: rehearsal.id, rehearsal: true, status: "scheduled" });
    // A preview link of another shop's show opens nothing here.
    const version = (await prisma.show.findUniqueOrThrow({ where: { id: rehearsal.id } })).previewVersion;
    expect((await proxy(`/shows/${rehearsal.id}?preview=${createPreviewToken("other.myshopify.com", rehearsal.id, { version, expiresAt: link.expiresAt })}`)).status).toBe(404);
  });

  it("refuses a request whose app proxy signature is forged or missing with 401", async () => {
    const show = await createShow(shop, { title: "Signed only", products: [shop.products.mug] });
    const signed = signProxyQuery(new URLSearchParams(), { shop: shop.domain, customerId: "", pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret });
    expect((await fetch(`${stack.appUrl}/proxy/shows/${show.id}?${signed}`)).status).toBe(200);

    const forged = signProxyQuery(new URLSearchParams(), { shop: shop.domain, customerId: "", pathPrefix: "/apps/live", secret: "not-the-app-secret" });
    const refused = await fetch(`${stack.appUrl}/proxy/shows/${show.id}?${forged}`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ reason: "bad_signature" });

    // A signed query for one shop does not read another: the shop is part of what is signed.
    signed.set("shop", "another-shop.myshopify.com");
    expect((await fetch(`${stack.appUrl}/proxy/shows/${show.id}?${signed}`)).status).toBe(401);
    expect((await fetch(`${stack.appUrl}/proxy/shows/${show.id}?shop=${shop.domain}`)).status).toBe(401);
  });
});

describe("prices in the buyer's market", () => {
  it("gives a buyer in Sweden the Nordics market's SEK prices (compare-at too) on a shop selling in EUR, and the shop's prices without a country", async () => {
    const euroShop = await openStorefrontShop(stack, {
      currencyCode: "EUR",
      moneyFormat: "€{{amount_with_comma_separator}}",
      moneyWithCurrencyFormat: "€{{amount_with_comma_separator}} EUR",
      countryCode: "DE",
    });
    stack.shopify.state.addMarket(euroShop.domain, { name: "Nordics", countries: ["SE", "NO", "DK"], currencyCode: "SEK", exchangeRate: 11.2, roundUpToEnding: 0 });
    const { shirt, mug } = euroShop.products;
    const show = await createShow(euroShop, { title: "Linen for every market", products: [shirt, mug] });
    const asEuroShop = (query: string) => fetch(euroShop.storefront(`/apps/live/shows/${show.id}${query}`));
    const pricesOf = async (query: string) => {
      const response = await asEuroShop(query);
      expect(response.status, await response.clone().text()).toBe(200);
      const { lineup } = (await response.json()) as ShowBootstrap;
      return lineup.map((product) => ({ price: product.variants[0]?.price, compareAt: product.variants[0]?.compareAt }));
    };

    // 899.00 EUR × 11.2 = 10 068.80 SEK, rounded up to whole kronor; the compare-at price 1 199.00 EUR the same way.
    expect(await pricesOf("?country=SE&locale=sv")).toEqual([
      {
        price: { amount: 1006900, currency: "SEK", formatted: "10\u00a0069,00\u00a0kr" },
        compareAt: { amount: 1342900, currency: "SEK", formatted: "13\u00a0429,00\u00a0kr" },
      },
      { price: { amount: 222900, currency: "SEK", formatted: "2\u00a0229,00\u00a0kr" }, compareAt: null },
    ]);
    // The storefront's language decides how the market's currency is written.
    expect((await pricesOf("?country=NO&locale=en"))[0]?.price?.formatted).toBe("SEK\u00a010,069.00");

    const inShopCurrency = [
      { price: { amount: 89900, currency: "EUR", formatted: "€899,00" }, compareAt: { amount: 119900, currency: "EUR", formatted: "€1.199,00" } },
      { price: { amount: 19900, currency: "EUR", formatted: "€199,00" }, compareAt: null },
    ];
    expect(await pricesOf("")).toEqual(inShopCurrency);
    // Liquid writes an empty string where the storefront has no country: the shop's prices.
    expect(await pricesOf("?country=&locale=sv")).toEqual(inShopCurrency);
    // The shop's own market sells in the shop's currency: its money format stays.
    expect(await pricesOf("?country=DE&locale=de")).toEqual(inShopCurrency);
  });

  it("shows the shop's prices when Shopify cannot give the market's, instead of failing the player", async () => {
    const euroShop = await openStorefrontShop(stack, { currencyCode: "EUR", moneyFormat: "€{{amount_with_comma_separator}}", countryCode: "DE" });
    stack.shopify.state.addMarket(euroShop.domain, { name: "Nordics", countries: ["SE"], currencyCode: "SEK", exchangeRate: 11.2, roundUpToEnding: 0 });
    const show = await createShow(euroShop, { title: "Markets, unreachable", products: [euroShop.products.mug] });
    const bootstrap = (query: string) => fetch(euroShop.storefront(`/apps/live/shows/${show.id}${query}`));
    // The lineup's titles and images are read (and kept a while) first; then Shopify stops answering the app.
    expect((await bootstrap("")).status).toBe(200);
    stack.shopify.tokens.revokeShop(euroShop.domain);

    const response = await bootstrap("?country=SE&locale=sv");
    expect(response.status).toBe(200);
    const { lineup } = (await response.json()) as ShowBootstrap;
    expect(lineup[0]?.variants[0]?.price).toEqual({ amount: 19900, currency: "EUR", formatted: "€199,00" });
  });

  it("refuses a malformed country or language with 400 and says which", async () => {
    const show = await createShow(shop, { title: "Markets, refused", products: [shop.products.mug] });
    for (const [query, field] of [
      ["country=Sweden", "country"],
      ["country=se", "country"],
      ["country=EU", "country"],
      ["country=SE&locale=not%20a%20language", "locale"],
    ]) {
      const refused = await proxy(`/shows/${show.id}?${query}`);
      expect(refused.status, query).toBe(400);
      expect(await refused.json()).toEqual({ reason: "bad_request", error: expect.stringMatching(new RegExp(`^${field}: must be`)) });
    }
  });
});

describe("an upcoming show", () => {
  it("is the current show when nothing is live, with a calendar file and reminders", async () => {
    const isolated = await openStorefrontShop(stack);
    const later = await createShow(isolated, { title: "Later show", products: [isolated.products.scarf], startsAt: shopLocalTime(600) });
    const soon = await createShow(isolated, { title: "Höstens stickat; live", products: [isolated.products.scarf], startsAt: shopLocalTime(90) });
    const asIsolated = (path: string, init?: RequestInit) => fetch(isolated.storefront(`/apps/live${path}`), init);

    const current = (await (await asIsolated("/shows/current")).json()) as ShowBootstrap;
    expect(current.show).toMatchObject({ id: soon.id, status: "scheduled" });
    expect(current.playback).toBeNull();
    expect(current.reminder).toEqual({ signedIn: false, saved: false });
    expect(Date.parse(current.show.startsAt)).toBeGreaterThan(Date.now());

    const page = `${stack.shopify.url}/pages/live`;
    const calendar = await asIsolated(`/shows/${soon.id}/calendar.ics?url=${encodeURIComponent(page)}`);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(calendar.headers.get("content-disposition")).toBe('attachment; filename="hostens-stickat-live.ics"');
    const ics = (await calendar.text()).replace(/\r\n /g, "");
    const stored = await prisma.show.findUniqueOrThrow({ where: { id: soon.id } });
    expect(ics).toContain(`UID:${soon.id}@${isolated.domain}`);
    expect(ics).toContain(`DTSTART:${stored.startsAt.toISOString().replace(/[-:]/g, "").replace(".000", "")}`);
    expect(ics).toContain("SUMMARY:Höstens stickat\\; live – Fjäll & Fika");
    expect(ics).toContain(`URL:${page}`);
    // Only the shop's own storefront goes into the file.
    const foreign = await (await asIsolated(`/shows/${soon.id}/calendar.ics?url=${encodeURIComponent("https://phish.example/")}`)).text();
    expect(foreign).not.toContain("phish.example");
    expect((await asIsolated(`/shows/${later.id}x/calendar.ics`)).status).toBe(404);

    const remind = (body: unknown) => asIsolated(`/shows/${soon.id}/reminders`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect((await remind({ email: " Astrid@Example.se ", locale: "sv" })).status).toBe(201);
    expect((await remind({ email: "astrid@example.se" })).status).toBe(201);
    expect(await prisma.showReminder.findMany({ where: { shop: isolated.domain, showId: soon.id }, select: { email: true, locale: true, customerId: true } })).toEqual([
      { email: "astrid@example.se", locale: "sv", customerId: null },
    ]);
    const invalid = await remind({ email: "not an address" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ reason: "invalid", error: expect.stringContaining("email") });
    expect((await remind({})).status).toBe(422);
  });

  it("remembers a signed-in customer without asking for an email, and forgets them on customers/redact", async () => {
    const show = await createShow(shop, { title: "Signed in", products: [shop.products.mug], startsAt: shopLocalTime(300) });
    const customer = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, "kari@example.no");
    const asCustomer = { cookie: `${CUSTOMER_COOKIE}=${customer.id.split("/").pop()}`, "content-type": "application/json" };
    const before = (await (await proxy(`/shows/${show.id}`, { headers: asCustomer })).json()) as ShowBootstrap;
    expect(before.reminder).toEqual({ signedIn: true, saved: false });

    const saved = await proxy(`/shows/${show.id}/reminders`, { method: "POST", body: "{}", headers: asCustomer });
    expect(saved.status).toBe(201);
    expect(await prisma.showReminder.findMany({ where: { shop: shop.domain, showId: show.id }, select: { customerId: true, email: true } })).toEqual([
      { customerId: customer.id, email: null },
    ]);
    expect(((await (await proxy(`/shows/${show.id}`, { headers: asCustomer })).json()) as ShowBootstrap).reminder).toEqual({ signedIn: true, saved: true });

    stack.shopify.state.requestCustomerRedact(shop.domain, customer);
    await stack.shopify.webhooks.settled();
    expect(await prisma.showReminder.count({ where: { shop: shop.domain, customerId: customer.id } })).toBe(0);
  });

  it("refuses a reminder for a show that is already live", async () => {
    const show = await createShow(shop, { title: "Already on", products: [shop.products.mug] });
    await stack.mux.connectEncoder(show.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    const response = await proxy(`/shows/${show.id}/reminders`, { method: "POST", body: JSON.stringify({ email: "late@example.se" }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ reason: "not_upcoming" });
  });
});

describe("the player bundle", () => {
  it("is served compressed from the app's origin, cacheable for a year", async () => {
    const response = await fetch(`${stack.appUrl}/storefront/mux-player.js?v=1`, { headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await response.text()).length).toBeGreaterThan(500_000);
  });
});
