// The Admin API version the app is pinned to, read where Shopify's CLI reads it: shopify.app.toml.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

export function adminApiVersion() {
  const toml = parse(readFileSync(path.resolve(import.meta.dirname, "../shopify.app.toml"), "utf8"));
  const version = toml.webhooks?.api_version;
  if (typeof version !== "string") throw new Error("shopify.app.toml has no [webhooks] api_version");
  return version;
}
