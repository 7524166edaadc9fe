// Writes Shopify's Admin GraphQL schema at the app's API version where GraphQL Codegen looks for
// it (app/types/admin-<version>.schema.json). Codegen would download it from shopify.dev; the
// same introspection ships inside @shopify/dev-mcp, so codegen runs offline and in CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { adminApiVersion } from "./admin-api-version.mjs";

const version = adminApiVersion();
const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, `node_modules/@shopify/dev-mcp/dist/data/admin_${version}.json.gz`);
const target = path.join(root, `app/types/admin-${version}.schema.json`);

if (!existsSync(source)) throw new Error(`No Admin schema for ${version} in @shopify/dev-mcp (${source})`);
mkdirSync(path.dirname(target), { recursive: true });
const introspection = JSON.parse(gunzipSync(readFileSync(source)).toString("utf8"));
writeFileSync(target, JSON.stringify(introspection.data ?? introspection));
