// The inventory webhooks of the ingest benchmark: what a shop's inventory_levels/update stream
// looks like while a show is live. A fifth of the deliveries move the show's lineup (those are
// stored, recomputed and published to the show); the rest move the wider catalog (stored only);
// one in twenty arrives late, older than what is stored (Shopify does not guarantee order) and
// must be ignored. Every delivery has its own event id. Deterministic, so both servers of a
// comparison get exactly the same requests.
import { LINEUP, LOCATIONS, OTHER_ITEMS, SEEDED_AT, inventoryLevelBody, webhookHeaders, type CatalogItem } from "../lib/catalog";
import { seededRandom } from "../../support/seeded-random";

export const WEBHOOK_PATH = "/webhooks/inventory_levels/update";
export const LINEUP_SHARE = 0.2;
export const LATE_SHARE = 0.05;

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * `count` deliveries named `${prefix}-${i}`. `round` orders rounds in time: each round's levels
 * are newer than the previous round's, as they would be in a real stream.
 */
export function webhookMix(prefix: string, count: number, round: number, seed = 20261122): WebhookRequest[] {
  const random = seededRandom(seed + round * 7919);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const start = SEEDED_AT.getTime() + 86_400_000 * 2 + round * 3_600_000;
  const requests: WebhookRequest[] = [];
  for (let index = 0; index < count; index++) {
    const entry: CatalogItem = random() < LINEUP_SHARE ? pick(LINEUP) : pick(OTHER_ITEMS);
    const location = pick(LOCATIONS);
    const available = Math.floor(random() * 40);
    const late = random() < LATE_SHARE;
    const updatedAt = new Date(late ? SEEDED_AT.getTime() - 60_000 : start + index * 10);
    const body = inventoryLevelBody(entry, location, available, updatedAt);
    const eventId = `${prefix}-${index}`;
    requests.push({ body, headers: webhookHeaders("inventory_levels/update", body, eventId, `${eventId}-delivery`) });
  }
  return requests;
}
