// Stripe's list envelope and cursor pagination: newest first, `limit` (default 10),
// `starting_after` / `ending_before` object ids, and a `created` filter. The SDK's
// auto-pagination (`for await`, autoPagingToArray) walks these with starting_after.
import type Stripe from "stripe";
import { invalidParam } from "./errors";
import type { CreatedFilter } from "./params";

export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
  created?: CreatedFilter;
}

function inCreatedRange(created: number, filter: CreatedFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === "number") return created === filter;
  return (
    (filter.gt === undefined || created > filter.gt) &&
    (filter.gte === undefined || created >= filter.gte) &&
    (filter.lt === undefined || created < filter.lt) &&
    (filter.lte === undefined || created <= filter.lte)
  );
}

/** `items` in creation order (oldest first), as the emulator stores them. */
export function listPage<T extends { id: string; created?: number }>(items: readonly T[], params: ListParams, url: string): Stripe.ApiList<T> {
  const limit = params.limit ?? 10;
  const newestFirst = [...items].reverse().filter((item) => inCreatedRange(item.created ?? 0, params.created));
  const cursorIndex = (id: string, param: string) => {
    const index = newestFirst.findIndex((item) => item.id === id);
    if (index < 0) throw invalidParam(`No such object: '${id}'`, param, "resource_missing");
    return index;
  };
  if (params.ending_before !== undefined) {
    const before = newestFirst.slice(0, cursorIndex(params.ending_before, "ending_before"));
    const data = before.slice(Math.max(0, before.length - limit));
    return { object: "list", data, has_more: before.length > data.length, url };
  }
  const start = params.starting_after !== undefined ? cursorIndex(params.starting_after, "starting_after") + 1 : 0;
  const data = newestFirst.slice(start, start + limit);
  return { object: "list", data, has_more: start + limit < newestFirst.length, url };
}
