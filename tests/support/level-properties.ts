// The stock property tests' shared parts: level updates as Shopify sends them, and the truth
// they must end at, computed without the rule under test.
import fc from "fast-check";
import { levelKey, type LevelUpdate } from "~/inventory/levels";

/** A second of one minute: few distinct seconds make equal timestamps (Shopify's precision) common. */
export const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 18, 0, second));

export function levelUpdates(items: readonly string[], locations: readonly string[], { maxAvailable = 20, minAvailable = 0, seconds = 3 } = {}): fc.Arbitrary<LevelUpdate> {
  return fc.record({
    inventoryItemId: fc.constantFrom(...items),
    locationId: fc.constantFrom(...locations),
    available: fc.integer({ min: minAvailable, max: maxAvailable }),
    updatedAt: fc.integer({ min: 0, max: seconds }).map(at),
  });
}

/** Per item and location, the latest reading, the lowest on a tie. */
export function truthOf(updates: readonly LevelUpdate[]): Map<string, LevelUpdate> {
  const truth = new Map<string, LevelUpdate>();
  for (const [key, readings] of Map.groupBy(updates, levelKey)) {
    const [latest] = [...readings].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.available - b.available);
    truth.set(key, latest as LevelUpdate);
  }
  return truth;
}

/** The truth as the database keeps it: the reading alone, per key. */
export function readingsOf(truth: ReadonlyMap<string, LevelUpdate>): Map<string, { available: number; updatedAt: Date }> {
  return new Map([...truth].map(([key, { available, updatedAt }]) => [key, { available, updatedAt }]));
}
