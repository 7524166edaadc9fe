// The storefront's pages: home, catalog, product (and its .js JSON), cart, a sandbox customer
// sign-in, the country selector's /localization, and Shopify's /discount/<code> links that
// apply a code at checkout.
import type { ServerResponse } from "node:http";
import type { Router, SandboxRequest } from "../../http";
import { stringifyRawJson, idNumber } from "../raw-json";
import { CUSTOMER_COOKIE, DISCOUNT_COOKIE, LOCALIZATION_COOKIE, cookieHeader, expiredCookieHeader } from "./cookies";
import { productObject } from "./liquid-objects";
import { readStorefrontParams } from "./request-body";
import { redirect } from "./respond";
import { requestCountry, storefrontShop, type CookieJar, type StorefrontContext } from "./storefront-context";
import { renderStorefrontPage } from "./storefront-page";
import { numericIdOf } from "../ids";
import { numericIdOfOrUndefined } from "./ids-lenient";

function localPath(value: unknown, fallback = "/"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : fallback;
}

export function registerPageRoutes(router: Router, context: StorefrontContext): void {
  const { state } = context;

  const home = async (request: SandboxRequest, response: ServerResponse) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    await renderStorefrontPage(context, request, response, { template: "index", pageTitle: "Home", shop, jar });
  };
  router.add("GET", "/", home);
  router.add("GET", "/collections/all", home);

  router.add("GET", "/products/:handle", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const asJson = request.params.handle?.endsWith(".js") ?? false;
    const handle = (request.params.handle ?? "").replace(/\.js$/, "");
    const product = state.findProductByHandle(shop, handle);
    if (!product || product.status !== "ACTIVE") {
      if (asJson) {
        response.writeHead(404, { "content-type": "application/json" });
        return response.end(JSON.stringify({ status: 404, message: "Not Found", description: "Not Found" }));
      }
      return renderStorefrontPage(context, request, response, {
        status: 404,
        template: "404",
        pageTitle: "Not found",
        shop,
        jar,
        locals: { message: `No product called ${handle}.` },
      });
    }
    const selected = numericIdOfOrUndefined(request.url.searchParams.get("variant"));
    const liquidProduct = productObject(state, shop, product, selected, requestCountry(context, request, shop));
    if (asJson) {
      // /products/<handle>.js: the product as Shopify's storefront JSON, ids as exact numbers.
      const body = stringifyRawJson({
        id: idNumber(product.id),
        title: liquidProduct.title,
        handle: liquidProduct.handle,
        description: liquidProduct.description,
        vendor: liquidProduct.vendor,
        type: liquidProduct.type,
        tags: liquidProduct.tags,
        url: liquidProduct.url,
        available: liquidProduct.available,
        price: liquidProduct.price,
        price_min: liquidProduct.price_min,
        price_max: liquidProduct.price_max,
        featured_image: liquidProduct.featured_image.src,
        images: liquidProduct.images.map((image) => image.src),
        options: liquidProduct.options_with_values.map((option) => ({ name: option.name, position: option.position, values: option.values })),
        variants: liquidProduct.variants.map((variant) => ({
          id: idNumber(variant.id),
          title: variant.title,
          option1: variant.option1,
          option2: variant.option2,
          option3: variant.option3,
          sku: variant.sku,
          available: variant.available,
          price: variant.price,
          compare_at_price: variant.compare_at_price,
          featured_image: variant.featured_image?.src ?? null,
        })),
      });
      response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
      return response.end(body);
    }
    await renderStorefrontPage(context, request, response, { template: "product", pageTitle: product.title, shop, jar, locals: { product: liquidProduct } });
  });

  router.add("GET", "/cart", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    await renderStorefrontPage(context, request, response, { template: "cart", pageTitle: "Your cart", shop, jar });
  });

  router.add("GET", "/account/login", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const returnTo = localPath(request.url.searchParams.get("return_to"));
    await renderStorefrontPage(context, request, response, { template: "login", pageTitle: "Sign in", shop, jar, locals: { return_to: returnTo } });
  });

  // Signs a sandbox customer in (no password): the cookie names their numeric id, which the app
  // proxy passes on as logged_in_customer_id.
  router.add("POST", "/account/login", async (request, response) => {
    const jar: CookieJar = [];
    const shop = storefrontShop(context, request, jar);
    const params = await readStorefrontParams(request);
    const customer = (params.customer ?? {}) as Record<string, unknown>;
    const email = typeof customer.email === "string" ? customer.email.trim() : "";
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      return renderStorefrontPage(context, request, response, {
        status: 422,
        template: "login",
        pageTitle: "Sign in",
        shop,
        jar,
        locals: { return_to: localPath(params.return_to), error: "Enter an email address." },
      });
    }
    const signedIn = context.customers.signIn(shop, email, String(customer.first_name ?? ""), String(customer.last_name ?? ""));
    jar.push(cookieHeader(CUSTOMER_COOKIE, numericIdOf(signedIn.id)));
    redirect(response, localPath(params.return_to), jar);
  });

  router.add("GET", "/account/logout", (_request, response) => {
    redirect(response, "/", [expiredCookieHeader(CUSTOMER_COOKIE)]);
  });

  // The theme's country selector ({% form 'localization' %}): a country outside every market is ignored, as Shopify ignores it.
  router.add("POST", "/localization", async (request, response) => {
    const jar: CookieJar = [];
    const shop = state.getShop(storefrontShop(context, request, jar));
    const params = await readStorefrontParams(request);
    const country = String(params.country_code ?? "").toUpperCase();
    if (shop.markets.some((market) => market.countries.includes(country))) jar.push(cookieHeader(LOCALIZATION_COOKIE, country));
    redirect(response, localPath(params.return_to), jar);
  });

  // Shopify's shareable discount links: remember the code for checkout, then go on.
  router.add("GET", "/discount/:code", (request, response) => {
    const code = request.params.code ?? "";
    redirect(response, localPath(request.url.searchParams.get("redirect")), [cookieHeader(DISCOUNT_COOKIE, code)]);
  });
}
