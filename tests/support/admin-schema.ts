import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

const ROOT = path.resolve(import.meta.dirname, "../..");
const cache = new Map<string, GraphQLSchema>();

/** Shopify's real Admin schema at a version, from the introspection results @shopify/dev-mcp ships. */
export function loadAdminSchema(version: string): GraphQLSchema {
  let schema = cache.get(version);
  if (!schema) {
    const file = path.join(ROOT, `node_modules/@shopify/dev-mcp/dist/data/admin_${version}.json.gz`);
    const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
    schema = buildClientSchema(parsed.data ?? parsed);
    cache.set(version, schema);
  }
  return schema;
}
