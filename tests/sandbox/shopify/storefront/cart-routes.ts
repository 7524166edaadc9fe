// The AJAX Cart API (/cart.js, /cart/add.js, /cart/update.js, /cart/change.js, /cart/clear.js)
// and the form posts a theme makes to the same paths without ".js" (answered by a redirect).
// /cart/update's `discount` sets the code the cart and checkout apply (see cart-json.ts).
import type { ServerResponse } from "node:http";
import type { Router, SandboxRequest } from "../../http";
import { CartError, badRequest, normaliseProperties, type Cart, type CartLine } from "./carts";
import { cartJson, type CartLineJson, type CartPricing } from "./cart-json";
import { DISCOUNT_COOKIE, cookieHeader, expiredCookieHeader } from "./cookies";
import { readStorefrontParams } from "./request-body";
import { redirect, sendStorefrontJson } from "./respond";
import { renderStorefrontPage } from "./storefront-page";
import { requestCart, requestPricing, storefrontShop, type CookieJar, type StorefrontContext } from "./storefront-context";
import type { RawJsonValue } from "../raw-json";

interface CartCall {
  cart: Cart;
  params: Record<string, unknown>;
  pricing: CartPricing;
  jar: CookieJar;
}

/** What a cart action answers on the .js path; form posts are redirected to `redirectTo` instead. */
interface CartOutcome {
  json: RawJsonValue;
  redirectTo?: string;
}

type CartAction = (call: CartCall) => CartOutcome;

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function noLine(): CartError {
  return new CartError(400, { status: 400, message: "Cart Error", description: "no valid id or line parameter" });
}

/** Where a form post goes next: `return_to` when it is a local path, else the cart page. */
function returnTo(params: Record<string, unknown>, fallback = "/cart"): string {
  const wanted = typeof params.return_to === "string" ? params.return_to : "";
  return wanted.startsWith("/") && !wanted.startsWith("//") ? wanted : fallback;
}

export function registerCartRoutes(router: Router, context: StorefrontContext): void {
  const { state, carts } = context;

  /** Registers `path.js` (JSON) and `path` (form post, redirect) for one cart action. */
  const cartEndpoint = (path: string, action: CartAction, methods: string[] = ["POST"]) => {
    const handler = (asJson: boolean) => async (request: SandboxRequest, response: ServerResponse) => {
      const jar: CookieJar = [];
      const shop = storefrontShop(context, request, jar);
      const cart = requestCart(context, request, shop, jar);
      let params: Record<string, unknown>;
      try {
        params = await readStorefrontParams(request);
      } catch {
        return sendStorefrontJson(response, 400, badRequest("body").body, jar);
      }
      try {
        const outcome = action({ cart, params, pricing: requestPricing(context, request, shop), jar });
        if (asJson) return sendStorefrontJson(response, 200, outcome.json, jar);
        return redirect(response, outcome.redirectTo ?? returnTo(params), jar);
      } catch (error) {
        if (!(error instanceof CartError)) throw error;
        if (asJson) return sendStorefrontJson(response, error.httpStatus, error.body, jar);
        return renderStorefrontPage(context, request, response, {
          status: error.httpStatus,
          template: "404",
          pageTitle: "Cart error",
          shop,
          jar,
          locals: { message: error.body.description },
        });
      }
    };
    for (const method of methods) {
      router.add(method, `${path}.js`, handler(true));
      router.add(method, path, handler(false));
    }
  };

  const readCart = async (request: SandboxRequest, response: ServerResponse) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const cart = requestCart(context, request, shop, jar);
    sendStorefrontJson(response, 200, cartJson(state, cart, requestPricing(context, request, shop)), jar);
  };
  router.add("GET", "/cart.js", readCart);
  router.add("GET", "/cart.json", readCart);

  /** The lines an add touched, as the whole cart prices them (a code may reach them). */
  const addedJson = (cart: Cart, lines: CartLine[], pricing: CartPricing): CartLineJson[] => {
    const items = cartJson(state, cart, pricing).items;
    return lines.map((line) => items[cart.lines.indexOf(line)] as CartLineJson);
  };

  cartEndpoint("/cart/add", ({ cart, params, pricing }) => {
    if (params.items !== undefined) {
      const items = Array.isArray(params.items) ? params.items.map((item) => ({ ...asRecord(item), id: asRecord(item).id })) : [];
      return { json: { items: addedJson(cart, carts.add(cart, items), pricing) } };
    }
    if (params.id === undefined || params.id === "") throw badRequest("items");
    const lines = carts.add(cart, [{ id: params.id, quantity: params.quantity, properties: params.properties }]);
    return { json: addedJson(cart, lines, pricing)[0] as CartLineJson };
  });

  cartEndpoint("/cart/update", ({ cart, params, pricing: requested, jar }) => {
    let pricing = requested;
    if (typeof params.discount === "string") {
      // `discount` replaces the cart's codes ("" removes them); the sandbox applies one code, the first.
      const code = params.discount.split(",").map((part) => part.trim()).find(Boolean) ?? null;
      jar.push(code ? cookieHeader(DISCOUNT_COOKIE, code) : expiredCookieHeader(DISCOUNT_COOKIE));
      pricing = { ...requested, discountCode: code };
    }
    const updates = params.updates;
    if (Array.isArray(updates)) {
      // An array sets quantities by line position, as the cart page's `updates[]` inputs do.
      const lines = [...cart.lines];
      updates.forEach((quantity, i) => {
        const line = lines[i];
        if (line) carts.setQuantity(cart, line, Number(quantity));
      });
    } else {
      for (const [id, quantity] of Object.entries(asRecord(updates))) {
        const wanted = Number(quantity);
        const line = carts.findLine(cart, id);
        if (line) carts.setQuantity(cart, line, wanted);
        else if (wanted > 0) carts.add(cart, [{ id, quantity: wanted }]); // Shopify adds a variant it does not find
      }
    }
    for (const [name, value] of Object.entries(asRecord(params.attributes))) {
      // A blank value removes the attribute.
      if (value === null || value === undefined || String(value) === "") delete cart.attributes[name];
      else cart.attributes[name] = typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    if (typeof params.note === "string") cart.note = params.note;
    return { json: cartJson(state, cart, pricing), redirectTo: params.checkout !== undefined ? "/checkout" : undefined };
  });

  cartEndpoint(
    "/cart/change",
    ({ cart, params, pricing }) => {
      const lineNumber = params.line === undefined ? undefined : Number(params.line);
      const line =
        lineNumber !== undefined
          ? cart.lines[lineNumber - 1]
          : params.id !== undefined
            ? carts.findLine(cart, String(params.id))
            : undefined;
      if (!line) throw noLine();
      const target = params.properties !== undefined ? carts.setProperties(cart, line, normaliseProperties(params.properties)) : line;
      if (params.quantity !== undefined) carts.setQuantity(cart, target, Number(params.quantity));
      return { json: cartJson(state, cart, pricing) };
    },
    ["POST", "GET"],
  );

  cartEndpoint("/cart/clear", ({ cart, pricing }) => {
    carts.clear(cart);
    return { json: cartJson(state, cart, pricing) };
  });
}
