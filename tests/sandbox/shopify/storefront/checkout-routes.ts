// A test-mode checkout: the cart priced in the buyer's market currency, any discount code from a
// /discount/<code> link or ?discount=<code> applied to the subtotal and total, and a "Pay now"
// button. Paying turns the cart into a paid order through the sandbox state (which prices it the
// same way, takes the stock and announces orders/paid and inventory_levels/update), then starts
// a new cart.
import type { Router } from "../../http";
import { numericIdOf } from "../ids";
import { SandboxError, type SandboxOrder } from "../state";
import type { Cart } from "./carts";
import { priceCartLines, storefrontCents } from "./cart-json";
import { CART_COOKIE, DISCOUNT_COOKIE, cookieHeader, expiredCookieHeader } from "./cookies";
import { redirect } from "./respond";
import { requestCart, requestCustomer, requestPricing, storefrontShop, type CookieJar, type StorefrontContext } from "./storefront-context";
import { renderStorefrontPage } from "./storefront-page";

/** Why a discount code takes nothing off this cart, or undefined when it applies. */
function discountProblem(context: StorefrontContext, cart: Cart, code: string, applies: boolean): string | undefined {
  const discount = context.state.findDiscountByCode(cart.shop, code);
  if (!discount) return "this code does not exist";
  const status = context.state.discountStatus(discount);
  if (status !== "ACTIVE") return `this code is ${status.toLowerCase()}`;
  return applies || cart.lines.length === 0 ? undefined : "this code does not apply to the items in your cart";
}

function orderObject(order: SandboxOrder) {
  return {
    id: numericIdOf(order.id),
    name: order.name,
    total: storefrontCents(order.presentment.total, order.presentment.currencyCode),
    lines: order.lines.map((line) => ({ title: line.title, variant_title: line.variantTitle ?? null, quantity: line.quantity })),
  };
}

export function registerCheckoutRoutes(router: Router, context: StorefrontContext): void {
  const { state, carts } = context;

  router.add("GET", "/checkout", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const linked = request.url.searchParams.get("discount");
    if (linked) {
      // Shopify's /checkout?discount=<code>: the code is kept for this checkout, as a /discount link keeps it.
      jar.push(cookieHeader(DISCOUNT_COOKIE, linked));
      return redirect(response, "/checkout", jar);
    }
    const cart = requestCart(context, request, shop, jar);
    const pricing = requestPricing(context, request, shop);
    const code = pricing.discountCode;
    const applies = code !== null && priceCartLines(state, cart, pricing).application !== null;
    await renderStorefrontPage(context, request, response, {
      template: "checkout",
      layout: "checkout",
      pageTitle: "Checkout",
      shop,
      jar,
      locals: { discount_code: code, discount_error: code ? discountProblem(context, cart, code, applies) ?? null : null },
    });
  });

  router.add("POST", "/checkout", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const cart = requestCart(context, request, shop, jar);
    const pricing = requestPricing(context, request, shop);
    const code = pricing.discountCode;
    const usableCode = code && state.activeDiscountByCode(shop, code) ? code : undefined;
    let order: SandboxOrder;
    try {
      order = state.createPaidOrder(shop, {
        lines: cart.lines.map((line) => ({
          variantId: line.variantId,
          quantity: line.quantity,
          properties: Object.entries(line.properties).map(([name, value]) => ({ name, value })),
        })),
        attributes: Object.entries(cart.attributes).map(([key, value]) => ({ key, value })),
        discountCode: usableCode,
        customer: requestCustomer(context, request, shop) ?? null,
        country: pricing.country,
      });
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      // Stock sold elsewhere since the cart was built, an emptied cart, a product unpublished.
      return renderStorefrontPage(context, request, response, {
        status: 422,
        template: "checkout",
        layout: "checkout",
        pageTitle: "Checkout",
        shop,
        jar,
        locals: { error: error.message, discount_code: code ?? null },
      });
    }
    // A completed checkout ends the cart: the browser starts a fresh one.
    carts.forget(cart);
    const fresh = carts.cartFor(shop, undefined);
    jar.push(cookieHeader(CART_COOKIE, fresh.token, { maxAgeSeconds: 14 * 24 * 3600 }));
    if (code) jar.push(expiredCookieHeader(DISCOUNT_COOKIE));
    redirect(response, `/checkouts/thank-you/${numericIdOf(order.id)}`, jar, 303);
  });

  router.add("GET", "/checkouts/thank-you/:orderId", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const order = state.findOrder(shop, request.params.orderId ?? "");
    if (!order) {
      return renderStorefrontPage(context, request, response, { status: 404, template: "404", pageTitle: "Not found", shop, jar, locals: { message: "No such order." } });
    }
    await renderStorefrontPage(context, request, response, {
      template: "thank-you",
      layout: "checkout",
      pageTitle: `Order ${order.name}`,
      shop,
      jar,
      locals: { order: orderObject(order) },
    });
  });
}
