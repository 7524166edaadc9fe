// Files a storefront loads from Shopify's CDN: the theme extension's assets (what asset_url
// points at) and the catalog's product images, generated as SVG cards.
import { readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { Router } from "../../http";
import { sendText } from "../../http";
import { EXTENSION_ASSET_PATH } from "./liquid-engine";
import { productImageSvg, titleFromHandle } from "./product-image";
import type { StorefrontContext } from "./storefront-context";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

export function registerAssetRoutes(router: Router, context: StorefrontContext, extensionDir: string): void {
  router.add("GET", `${EXTENSION_ASSET_PATH}/:file`, async (request, response) => {
    const file = request.params.file ?? "";
    // The router decodes %2F, so refuse anything that is not a plain file name.
    if (basename(file) !== file || file.startsWith(".")) return sendText(response, 404, "Not found", "text/plain");
    let body: Buffer;
    try {
      body = await readFile(join(extensionDir, "assets", file));
    } catch {
      return sendText(response, 404, "Not found", "text/plain");
    }
    response.writeHead(200, {
      "content-type": contentTypeOf(file),
      "content-length": body.length,
      // The URL carries a content version; a short max-age keeps edits visible during development.
      "cache-control": "public, max-age=60",
      "access-control-allow-origin": "*",
    });
    response.end(body);
  });

  router.add("GET", "/cdn/products/:file", (request, response) => {
    const handle = (request.params.file ?? "").replace(/\.svg$/, "");
    const shop = context.state.listShops().find((candidate) => context.state.findProductByHandle(candidate.domain, handle));
    const title = (shop && context.state.findProductByHandle(shop.domain, handle)?.title) ?? titleFromHandle(handle);
    sendText(response, 200, productImageSvg(handle, title), "image/svg+xml", { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" });
  });
}
