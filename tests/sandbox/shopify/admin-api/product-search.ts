// The subset of Shopify's search syntax the sandbox understands for products(query:):
// space-separated terms (AND), field:value with * wildcards, quoted values, a leading - to
// negate, comma lists for status. Anything else is an error naming it, not a silent match.
import { numericIdOf } from "../ids";
import type { SandboxProduct } from "../state";
import { NotImplementedError } from "./strict-resolver";

type Predicate = (product: SandboxProduct) => boolean;

const TERM = /(-?)(?:(\w+):)?("[^"]*"|\S+)/g;

export function productSearch(query: string | null | undefined): Predicate {
  if (!query?.trim()) return () => true;
  const predicates: Predicate[] = [];
  for (const match of query.matchAll(TERM)) {
    const [, negate, field, rawValue = ""] = match;
    const value = rawValue.replace(/^"|"$/g, "");
    if (!field && value === "AND") continue;
    if (!field && value === "OR") throw new NotImplementedError("OR in products(query:)");
    const predicate = fieldPredicate(field?.toLowerCase(), value);
    predicates.push(negate ? (product) => !predicate(product) : predicate);
  }
  return (product) => predicates.every((predicate) => predicate(product));
}

function fieldPredicate(field: string | undefined, value: string): Predicate {
  switch (field) {
    case undefined:
    case "title":
      return (product) => textMatches(product.title, value);
    case "handle":
      return (product) => textMatches(product.handle, value, true);
    case "status": {
      const statuses = value.toUpperCase().split(",");
      return (product) => statuses.includes(product.status);
    }
    case "id":
      return (product) => numericIdOf(product.id) === value.replace(/^gid:\/\/shopify\/Product\//, "");
    case "product_type":
      return (product) => textMatches(product.productType, value, true);
    case "vendor":
      return (product) => textMatches(product.vendor, value, true);
    case "sku":
      return (product) => product.variants.some((variant) => textMatches(variant.sku, value, true));
    case "tag":
      return (product) => (product.tags ?? []).some((tag) => textMatches(tag, value, true));
    default:
      throw new NotImplementedError(`products(query:) on field ${field}`);
  }
}

/** `*x*` contains, `x*` starts with, `*x` ends with; a bare value is a case-insensitive word match (exact when asked). */
function textMatches(text: string, pattern: string, exact = false): boolean {
  const haystack = text.toLowerCase();
  const needle = pattern.toLowerCase();
  if (needle.includes("*")) {
    const regex = new RegExp(`^${needle.split("*").map(escapeRegex).join(".*")}$`);
    return regex.test(haystack);
  }
  return exact ? haystack === needle : haystack.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(needle)) || haystack.includes(needle);
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}
