// Relay connections as Shopify pages them: first/after or last/before (one of first or last is
// required), reverse, opaque cursors, nodes + edges + pageInfo.
import { GraphQLError } from "graphql";
import { numericIdOf } from "../ids";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export const MAX_PAGE_SIZE = 250;

export function encodeCursor(id: string): string {
  const digits = numericIdOf(id);
  return Buffer.from(JSON.stringify({ last_id: digits, last_value: digits })).toString("base64");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown };
    if (typeof parsed.last_id === "string" || typeof parsed.last_id === "number") return String(parsed.last_id);
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/**
 * One page of `items` (already filtered and sorted) as a connection. `idOf` gives each item's
 * gid (cursors carry it, so a page boundary survives inserts and deletes before it).
 */
export function connection<T>(items: readonly T[], args: ConnectionArgs, idOf: (item: T) => string, toView: (item: T) => object) {
  const { first, last, after, before, reverse } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null)) {
    throw new GraphQLError("you must provide one of first or last");
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value !== undefined && value !== null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The value of '${name}' must be between 0 and ${MAX_PAGE_SIZE}.`, { extensions: { code: "BAD_REQUEST" } });
    }
  }
  const ordered = reverse ? [...items].reverse() : [...items];
  const position = (cursor: string) => {
    const digits = decodeCursor(cursor);
    return ordered.findIndex((item) => numericIdOf(idOf(item)) === digits);
  };
  let start = 0;
  let end = ordered.length;
  if (after) start = position(after) + 1;
  if (before) {
    const at = position(before);
    end = at === -1 ? end : at;
  }
  let window = ordered.slice(start, Math.max(start, end));
  let hasNextPage = end < ordered.length;
  let hasPreviousPage = start > 0;
  if (first !== undefined && first !== null) {
    hasNextPage = hasNextPage || window.length > first;
    window = window.slice(0, first);
  }
  if (last !== undefined && last !== null) {
    hasPreviousPage = hasPreviousPage || window.length > last;
    window = window.slice(Math.max(0, window.length - last));
  }
  const edges = window.map((item) => ({ cursor: encodeCursor(idOf(item)), node: toView(item) }));
  return {
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Lists Shopify returns without a cursor (Product.options(first)) still honour first. */
export function firstOf<T>(items: readonly T[], first: unknown): T[] {
  return typeof first === "number" ? items.slice(0, first) : [...items];
}
