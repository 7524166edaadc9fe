/**
 * An Admin GraphQL document with the types of its result and variables. Every document the
 * app sends is one of these, in app/graphql/, and a test validates each against Shopify's
 * schema at the app's API version.
 */
export interface AdminDocument<Result, Variables = Record<string, never>> {
  readonly kind: "AdminDocument";
  readonly source: string;
  /** Phantom fields: they carry the types and are never read. */
  readonly __result?: Result;
  readonly __variables?: Variables;
}

export function adminDocument<Result, Variables = Record<string, never>>(source: string): AdminDocument<Result, Variables> {
  return { kind: "AdminDocument", source };
}

export function isAdminDocument(value: unknown): value is AdminDocument<unknown, unknown> {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "AdminDocument";
}
