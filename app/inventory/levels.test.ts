import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at, levelUpdates, truthOf } from "../../tests/support/level-properties";
import { applyLevelUpdate, isInStock, latestPerKey, levelKey, supersedes, totalAvailable, type LevelUpdate, type OnlineLocations } from "./levels";

// Beyond Number.MAX_SAFE_INTEGER on purpose: keys must keep every digit.
const ITEMS = ["gid://shopify/InventoryItem/9007199254740993", "gid://shopify/InventoryItem/9007199254740995"];
const LOCATIONS = ["gid://shopify/Location/1", "gid://shopify/Location/2", "gid://shopify/Location/3"];

describe("supersedes", () => {
  it("takes a newer reading and ignores an older one, whatever the quantities", () => {
    expect(supersedes({ available: 9, updatedAt: at(2) }, { available: 1, updatedAt: at(1) }, "lower-wins")).toBe(true);
    expect(supersedes({ available: 1, updatedAt: at(1) }, { available: 9, updatedAt: at(2) }, "lower-wins")).toBe(false);
    expect(supersedes({ available: 1, updatedAt: at(1) }, undefined, "lower-wins")).toBe(true);
  });

  it("keeps the lower quantity on a tie for webhooks, and takes the incoming one for Admin reads", () => {
    expect(supersedes({ available: 3, updatedAt: at(1) }, { available: 4, updatedAt: at(1) }, "lower-wins")).toBe(true);
    expect(supersedes({ available: 4, updatedAt: at(1) }, { available: 3, updatedAt: at(1) }, "lower-wins")).toBe(false);
    expect(supersedes({ available: 4, updatedAt: at(1) }, { available: 3, updatedAt: at(1) }, "incoming-wins")).toBe(true);
    expect(supersedes({ available: 3, updatedAt: at(1) }, { available: 3, updatedAt: at(1) }, "incoming-wins")).toBe(false);
  });
});

describe("totalAvailable and isInStock", () => {
  const levels = [
    { locationId: LOCATIONS[0] as string, available: 4 },
    { locationId: LOCATIONS[1] as string, available: 6 },
  ];

  it("sums every location until the shop's online locations are known, then only those", () => {
    expect(totalAvailable(levels, "all")).toBe(10);
    expect(totalAvailable(levels, new Set([LOCATIONS[1] as string]))).toBe(6);
    expect(totalAvailable(levels, new Set())).toBe(0);
  });

  it("counts untracked inventory as always in stock", () => {
    expect(isInStock({ tracked: false, available: 0 })).toBe(true);
    expect(isInStock({ tracked: true, available: 0 })).toBe(false);
    expect(isInStock({ tracked: true, available: 1 })).toBe(true);
  });
});

const levelUpdate = levelUpdates(ITEMS, LOCATIONS, { minAvailable: -3, maxAvailable: 40, seconds: 5 });

/** What Shopify sends: every update at least once, some twice or more, in any order. */
const deliveries = fc
  .array(levelUpdate, { minLength: 1, maxLength: 40 })
  .chain((updates) =>
    fc.record({
      updates: fc.constant(updates),
      delivered: fc
        .array(fc.nat(updates.length - 1), { maxLength: updates.length })
        .chain((repeats) => {
          const all = [...updates, ...repeats.map((index) => updates[index] as LevelUpdate)];
          return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
        }),
    }),
  );

const onlineLocations: fc.Arbitrary<OnlineLocations> = fc.oneof(
  fc.constant("all" as const),
  fc.subarray(LOCATIONS).map((ids) => new Set(ids)),
);

describe("the level cache under Shopify's delivery (property)", () => {
  it("ends equal to the latest reading per item and location, with duplicates and any order", () => {
    fc.assert(
      fc.property(deliveries, ({ updates, delivered }) => {
        const cache = new Map<string, LevelUpdate>();
        for (const update of delivered) applyLevelUpdate(cache, update);
        expect(cache).toEqual(truthOf(updates));
      }),
      { numRuns: 500 },
    );
  });

  it("gives each item the available total of the truth over its online locations", () => {
    fc.assert(
      fc.property(deliveries, onlineLocations, ({ updates, delivered }, online) => {
        const cache = new Map<string, LevelUpdate>();
        for (const update of delivered) applyLevelUpdate(cache, update);
        const truth = [...truthOf(updates).values()];
        for (const item of ITEMS) {
          const cached = totalAvailable([...cache.values()].filter((level) => level.inventoryItemId === item), online);
          const expected = totalAvailable(truth.filter((level) => level.inventoryItemId === item), online);
          expect(cached).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("picks per key, in one pass over a batch, what applying the batch one by one would store", () => {
    fc.assert(
      fc.property(deliveries, ({ updates, delivered }) => {
        const picked = latestPerKey(delivered, levelKey);
        expect(new Set(picked.map(levelKey)).size).toBe(picked.length);
        expect(new Map(picked.map((update) => [levelKey(update), update]))).toEqual(truthOf(updates));
      }),
      { numRuns: 300 },
    );
  });

  it("would catch a cache that let the last delivery win", () => {
    const lastDeliveryWins = (delivered: LevelUpdate[]) => new Map(delivered.map((update) => [levelKey(update), update]));
    const failure = fc.check(
      fc.property(deliveries, ({ updates, delivered }) => {
        expect(lastDeliveryWins(delivered)).toEqual(truthOf(updates));
      }),
      { numRuns: 500 },
    );
    expect(failure.failed).toBe(true);
  });
});
