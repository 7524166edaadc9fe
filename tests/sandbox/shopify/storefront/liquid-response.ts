// An app proxy answer of type application/liquid is Liquid for the shop's theme to render:
// inside the theme's layout, or bare when it starts with {% layout none %} (what
// shopify-app-remix's `liquid(body, { layout: false })` sends).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxRequest } from "../../http";
import type { StorefrontContext } from "./storefront-context";
import { renderStorefrontPage } from "./storefront-page";

const LAYOUT_NONE = /\{%-?\s*layout\s+none\s*-?%\}/;

export async function renderLiquidResponse(
  storefront: StorefrontContext,
  request: SandboxRequest,
  response: ServerResponse,
  shop: string,
  upstream: IncomingMessage,
  body: Buffer,
): Promise<void> {
  const source = body.toString("utf8");
  const bare = LAYOUT_NONE.test(source);
  await renderStorefrontPage(storefront, request, response, {
    template: { source: source.replace(LAYOUT_NONE, "") },
    layout: bare ? "none" : "theme",
    pageTitle: storefront.state.getShop(shop).name,
    shop,
    jar: [],
    status: upstream.statusCode ?? 200,
  });
}
