// Shopify's REST webhook bodies carry numeric ids as JSON numbers, which JSON.parse rounds past
// 2^53. Where a body has no GID for an id (products/delete, a variant's inventory_item_id), the
// digits are read from the raw text instead.

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** JSON.parse, except that integers beyond Number.MAX_SAFE_INTEGER keep their digits, as strings. */
export function parseJsonExact(text: string): unknown {
  // Node ≥ 21 passes each primitive's source text to the reviver (JSON.parse source text access).
  const reviver: Reviver = (_key, value, context) =>
    typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source) ? context.source : value;
  return JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]);
}

/** The digits of an id read by parseJsonExact, or null when it is not a whole non-negative number. */
export function idDigits(value: unknown): string | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value === "string") return /^\d+$/.test(value) ? value : null;
  return null;
}
