// What every storefront handler shares: the sandbox state, the carts, the theme's settings, and
// how a request is tied to a shop, a cart and a signed-in customer.
import type { SandboxRequest } from "../../http";
import type { SandboxState, SandboxCustomer } from "../state";
import { shopOfRequest } from "../request-shop";
import { CartBook, type Cart } from "./carts";
import { CART_COOKIE, DISCOUNT_COOKIE, SHOP_COOKIE, CUSTOMER_COOKIE, LOCALIZATION_COOKIE, cookieHeader, readCookies } from "./cookies";
import type { CartPricing } from "./cart-json";
import type { ThemeSettingsBook } from "./theme-settings";
import type { StorefrontCustomers } from "./customers";
import type { ThemeRenderer } from "./render-page";

export interface StorefrontContext {
  state: SandboxState;
  carts: CartBook;
  theme: ThemeSettingsBook;
  customers: StorefrontCustomers;
  renderer: ThemeRenderer;
  /** Storefront pages of a request that names no shop are the seeded shop's. */
  defaultShop: string;
}

/** Cookies to send with the response; handlers add to it and `withCookies` writes them. */
export type CookieJar = string[];

/**
 * The shop a storefront request is for: the emulator's usual signals (x-sandbox-shop, a
 * myshopify Host, ?shop=), then the shop this browser chose earlier, then the seeded shop.
 * Choosing a shop with ?shop= is remembered in a cookie so links inside the storefront keep it.
 */
export function storefrontShop(context: StorefrontContext, request: SandboxRequest, jar: CookieJar): string {
  const explicit = shopOfRequest(request);
  if (explicit && context.state.hasShop(explicit)) {
    if (request.url.searchParams.has("shop")) jar.push(cookieHeader(SHOP_COOKIE, explicit));
    return explicit;
  }
  const remembered = readCookies(request.headers).get(SHOP_COOKIE);
  if (remembered && context.state.hasShop(remembered)) return remembered;
  if (explicit) return explicit; // unknown: the state's error names the shops it knows
  if (!context.state.hasShop(context.defaultShop)) {
    // Not seeded: a sandbox with a single shop serves that one.
    const [only, ...others] = context.state.listShops();
    if (only && others.length === 0) return only.domain;
  }
  return context.defaultShop;
}

/** One cart per request, even when several parts of a handler ask before the cookie is set. */
const cartOfRequest = new WeakMap<SandboxRequest, Cart>();

export function requestCart(context: StorefrontContext, request: SandboxRequest, shop: string, jar: CookieJar): Cart {
  const known = cartOfRequest.get(request);
  if (known && known.shop === shop) return known;
  const token = readCookies(request.headers).get(CART_COOKIE);
  const cart = context.carts.cartFor(shop, token);
  if (cart.token !== token) jar.push(cookieHeader(CART_COOKIE, cart.token, { maxAgeSeconds: 14 * 24 * 3600 }));
  cartOfRequest.set(request, cart);
  return cart;
}

/** The country the buyer chose (POST /localization), if one of the shop's markets sells there; else the shop's own. */
export function requestCountry(context: StorefrontContext, request: SandboxRequest, shop: string): string {
  const chosen = readCookies(request.headers).get(LOCALIZATION_COOKIE)?.toUpperCase();
  const { markets, countryCode } = context.state.getShop(shop);
  return chosen && markets.some((market) => market.countries.includes(chosen)) ? chosen : countryCode;
}

/** The buyer's market (by country) and the discount code from a /discount link, which price the cart. */
export function requestPricing(context: StorefrontContext, request: SandboxRequest, shop: string): CartPricing {
  return { country: requestCountry(context, request, shop), discountCode: readCookies(request.headers).get(DISCOUNT_COOKIE) ?? null };
}

export function requestCustomer(context: StorefrontContext, request: SandboxRequest, shop: string): SandboxCustomer | undefined {
  const id = readCookies(request.headers).get(CUSTOMER_COOKIE);
  return id ? context.customers.find(shop, id) : undefined;
}
