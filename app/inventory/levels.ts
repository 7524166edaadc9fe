// The stock rules as plain functions over plain data, so a property test can check them
// against every order Shopify might deliver updates in. stock.server.ts applies the same
// rules in the database.
import type { InventoryLevelKey } from "./gid";

export interface LevelReading {
  available: number;
  /** Shopify's updated_at for the level: the only order Shopify gives between deliveries. */
  updatedAt: Date;
}

export interface LevelUpdate extends InventoryLevelKey, LevelReading {}

/**
 * What happens when two readings carry the same updated_at:
 * - "lower-wins" for webhooks. Shopify's REST timestamps have one-second precision and its
 *   deliveries no order, so two changes in the same second tie. Keeping the lower quantity makes
 *   the result independent of arrival order and errs towards "sold out" rather than overselling;
 *   during a sale, stock mostly falls, so the lower value is also the likelier latest one.
 *   Reconciliation corrects the rare same-second restock.
 * - "incoming-wins" for Admin API reads: a read reports the state after everything up to that
 *   second, so at an equal timestamp it is the better witness.
 */
export type TieRule = "lower-wins" | "incoming-wins";

/** Whether an incoming reading should replace the stored one (false when it would change nothing). */
export function supersedes(incoming: LevelReading, stored: LevelReading | undefined, tie: TieRule): boolean {
  if (!stored) return true;
  const difference = incoming.updatedAt.getTime() - stored.updatedAt.getTime();
  if (difference !== 0) return difference > 0;
  return tie === "lower-wins" ? incoming.available < stored.available : incoming.available !== stored.available;
}

export function levelKey({ inventoryItemId, locationId }: InventoryLevelKey): string {
  return `${inventoryItemId} ${locationId}`;
}

/**
 * Of several updates per key, the one that ends up stored whatever order they are applied in:
 * a batch then writes each level once.
 */
export function latestPerKey<T extends LevelReading>(updates: readonly T[], keyOf: (update: T) => string, tie: TieRule = "lower-wins"): T[] {
  const latest = new Map<string, T>();
  for (const update of updates) {
    const key = keyOf(update);
    if (supersedes(update, latest.get(key), tie)) latest.set(key, update);
  }
  return [...latest.values()];
}

/** The cache of levels, applied one update at a time; answers whether the update was applied. */
export function applyLevelUpdate(cache: Map<string, LevelUpdate>, update: LevelUpdate, tie: TieRule = "lower-wins"): boolean {
  const key = levelKey(update);
  if (!supersedes(update, cache.get(key), tie)) return false;
  cache.set(key, update);
  return true;
}

/** Locations whose stock counts as sellable online: every location until the shop's set is known. */
export type OnlineLocations = "all" | ReadonlySet<string>;

export function sellsOnline(online: OnlineLocations, locationId: string): boolean {
  return online === "all" || online.has(locationId);
}

/** An item's available total: the sum over the locations that sell online. */
export function totalAvailable(levels: Iterable<Pick<LevelUpdate, "locationId" | "available">>, online: OnlineLocations): number {
  let total = 0;
  for (const level of levels) if (sellsOnline(online, level.locationId)) total += level.available;
  return total;
}

export interface VariantStockFigure {
  tracked: boolean;
  available: number;
}

/** Untracked inventory never runs out: Shopify sells it whatever the count says. */
export function isInStock({ tracked, available }: VariantStockFigure): boolean {
  return !tracked || available > 0;
}
