// Renders a storefront page for a request: gathers the global objects every template sees
// (shop, cart, customer, collections) and hands them to the theme renderer.
import type { ServerResponse } from "node:http";
import type { SandboxRequest } from "../../http";
import { cartJson } from "./cart-json";
import { cartObject, customerObject, localizationObject, productObject, shopObject } from "./liquid-objects";
import type { PageInput } from "./render-page";
import { sendPage } from "./respond";
import { requestCart, requestCountry, requestCustomer, requestPricing, type CookieJar, type StorefrontContext } from "./storefront-context";

export interface StorefrontPage {
  template: PageInput["template"];
  layout?: PageInput["layout"];
  pageTitle: string;
  shop: string;
  jar: CookieJar;
  status?: number;
  locals?: Record<string, unknown>;
}

/** The request's own origin, so links and image URLs work whichever port the emulator got. */
export function requestOrigin(request: SandboxRequest): string {
  return `http://${request.headers.host ?? "127.0.0.1"}`;
}

export async function renderStorefrontPage(context: StorefrontContext, request: SandboxRequest, response: ServerResponse, page: StorefrontPage): Promise<void> {
  const { state } = context;
  const shop = state.getShop(page.shop);
  const cart = requestCart(context, request, shop.domain, page.jar);
  const customer = requestCustomer(context, request, shop.domain);
  const products = shop.products.filter((product) => product.status === "ACTIVE");
  const country = requestCountry(context, request, shop.domain);
  const market = state.marketFor(shop.domain, country);
  const globals = {
    shop: shopObject(shop, requestOrigin(request), market.currencyCode),
    cart: cartObject(cartJson(state, cart, requestPricing(context, request, shop.domain))),
    customer: customerObject(customer),
    localization: localizationObject(shop, country),
    // Evaluated lazily by Liquid would be nicer; the catalog is small enough to build per page.
    collections: { all: { title: "All products", products: products.map((product) => productObject(state, shop.domain, product, null, country)) } },
    routes: { root_url: "/", cart_url: "/cart", cart_add_url: "/cart/add", cart_change_url: "/cart/change", cart_update_url: "/cart/update" },
  };
  const html = await context.renderer.renderPage({
    template: page.template,
    layout: page.layout,
    shop,
    theme: context.theme.get(shop.domain),
    pageTitle: page.pageTitle,
    path: request.url.pathname,
    globals,
    locals: page.locals,
    currency: { active: market.currencyCode, rate: market.exchangeRate },
  });
  sendPage(response, page.status ?? 200, html, page.jar);
}
