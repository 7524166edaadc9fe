// Shopify's real Admin GraphQL schemas, from the introspection results @shopify/dev-mcp ships
// (dist/data/admin_<version>.json.gz). Only versions found there are served.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

const DATA_DIR = path.resolve(import.meta.dirname, "../../../../node_modules/@shopify/dev-mcp/dist/data");
const cache = new Map<string, GraphQLSchema>();

export function availableAdminVersions(): string[] {
  if (!existsSync(DATA_DIR)) return [];
  return readdirSync(DATA_DIR)
    .map((file) => /^admin_(.+)\.json\.gz$/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort();
}

/** The schema for a version, built once; undefined for a version Shopify's package does not ship. */
export function adminSchema(version: string): GraphQLSchema | undefined {
  if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) return undefined;
  let schema = cache.get(version);
  if (schema) return schema;
  const file = path.join(DATA_DIR, `admin_${version}.json.gz`);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data?: IntrospectionQuery } & IntrospectionQuery;
  schema = buildClientSchema(parsed.data ?? parsed);
  cache.set(version, schema);
  return schema;
}
