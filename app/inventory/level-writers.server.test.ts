// Both level writers against the same rules: the Prisma one everywhere, the better-sqlite3 one
// on SQLite. Each batch is one transaction: receipts, levels newer than the stored ones (lower
// on a same-second tie), and the totals of lineup variants over the online locations.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import prisma, { sqliteConnection } from "~/db.server";
import type { LevelDelivery, LevelWriter } from "./level-writer";
import { at, levelUpdates, readingsOf, truthOf } from "../../tests/support/level-properties";
import { levelKey, totalAvailable, type LevelUpdate, type OnlineLocations } from "./levels";
import { prismaLevelWriter } from "./prisma-level-writer.server";
import { SqliteLevelWriter } from "./sqlite-level-writer.server";

const connection = await sqliteConnection();
const writers: Array<[string, LevelWriter]> = [["Prisma", prismaLevelWriter]];
if (connection) writers.push(["better-sqlite3", new SqliteLevelWriter(connection)]);

const newShop = () => `writer-${randomUUID().slice(0, 8)}.myshopify.com`;
const [ITEM, OTHER_ITEM] = ["gid://shopify/InventoryItem/9007199254740993", "gid://shopify/InventoryItem/9007199254740995"];
const [HERE, THERE] = ["gid://shopify/Location/1", "gid://shopify/Location/2"];
const VARIANT = "gid://shopify/ProductVariant/9007199254740997";
const everywhere = (shop: string) => new Map<string, OnlineLocations>([[shop, "all"]]);

function delivery(shop: string, level: Partial<LevelUpdate> = {}, eventId = randomUUID()): LevelDelivery {
  return { shop, eventId, topic: "inventory_levels/update", level: { inventoryItemId: ITEM, locationId: HERE, available: 1, updatedAt: at(1), ...level } };
}

async function mapVariant(shop: string, inventoryItemId = ITEM) {
  await prisma.variantStock.create({ data: { shop, variantId: VARIANT, productId: "gid://shopify/Product/1", inventoryItemId } });
}

async function storedLevels(shop: string) {
  const rows = await prisma.inventoryLevel.findMany({ where: { shop } });
  return new Map(rows.map((row) => [levelKey(row), { available: row.available, updatedAt: row.sourceUpdatedAt }]));
}

describe.each(writers)("the %s level writer", (_, writer) => {
  it("applies each event once: a repeat in the batch or in a later batch is a duplicate", async () => {
    const shop = newShop();
    const [first, second] = [delivery(shop, { available: 4 }), delivery(shop, { locationId: THERE, available: 2 })];
    const repeat = { ...first, level: { ...first.level, available: 9, updatedAt: at(2) } };
    expect((await writer.write([first, second, repeat], everywhere(shop))).outcomes).toEqual(["applied", "applied", "duplicate"]);
    expect((await writer.write([second], everywhere(shop))).outcomes).toEqual(["duplicate"]);
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(2);
    expect([...(await storedLevels(shop)).values()].map((level) => level.available).sort()).toEqual([2, 4]);
  });

  it("reports the lineup variants whose total changed, over the online locations only", async () => {
    const shop = newShop();
    await mapVariant(shop);
    const online = new Map<string, OnlineLocations>([[shop, new Set([HERE])]]);
    const write = await writer.write(
      [delivery(shop, { available: 3 }), delivery(shop, { locationId: THERE, available: 40 }), delivery(shop, { inventoryItemId: OTHER_ITEM, available: 8 })],
      online,
    );
    expect(write.changed).toEqual([{ shop, variant: { variantId: VARIANT, productId: "gid://shopify/Product/1", inventoryItemId: ITEM, tracked: true, available: 3 } }]);
    // Only a level at a location that does not sell online: the total stays, nothing to tell.
    expect((await writer.write([delivery(shop, { locationId: THERE, available: 1, updatedAt: at(2) })], online)).changed).toEqual([]);
    expect((await writer.write([delivery(shop, { available: 0, updatedAt: at(2) })], everywhere(shop))).changed).toMatchObject([{ variant: { available: 1 } }]);
  });

  it("keeps one shop's levels and totals apart from another's with the same ids", async () => {
    const [shop, other] = [newShop(), newShop()];
    await mapVariant(shop);
    await mapVariant(other);
    const online = new Map<string, OnlineLocations>([[shop, "all"], [other, "all"]]);
    await writer.write([delivery(shop, { available: 5 }), delivery(other, { available: 7 })], online);
    const totals = await prisma.variantStock.findMany({ where: { shop: { in: [shop, other] } }, select: { shop: true, available: true } });
    expect(new Map(totals.map((row) => [row.shop, row.available]))).toEqual(new Map([[shop, 5], [other, 7]]));
  });

  it("keeps nothing of a batch that fails, so Shopify's retry is acted on", async () => {
    const shop = newShop();
    const good = delivery(shop, { available: 6 });
    // A level the database refuses (NOT NULL) stands for any failure halfway through a batch.
    const refused = delivery(shop, { locationId: null as unknown as string });
    await expect(writer.write([good, refused], everywhere(shop))).rejects.toThrow();
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(0);
    expect(await prisma.inventoryLevel.count({ where: { shop } })).toBe(0);
    expect((await writer.write([good], everywhere(shop))).outcomes).toEqual(["applied"]);
  });

  it("ends at the truth for any split of shuffled deliveries with duplicates into batches (property)", async () => {
    const update = levelUpdates([ITEM, OTHER_ITEM], [HERE, THERE]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(update, { minLength: 1, maxLength: 12 }).chain((updates) =>
          fc.tuple(
            fc.constant(updates),
            fc.shuffledSubarray([...updates.keys(), ...updates.keys()], { minLength: updates.length * 2 }),
            fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 24, maxLength: 24 }),
          ),
        ),
        async ([updates, order, batchSizes]) => {
          const shop = newShop();
          await mapVariant(shop);
          // A redelivery carries the event id of its first delivery.
          const events = updates.map(() => randomUUID());
          const delivered = order.map((index) => delivery(shop, updates[index], events[index]));
          for (let start = 0, batch = 0; start < delivered.length; start += batchSizes[batch++] ?? 6) {
            await writer.write(delivered.slice(start, start + (batchSizes[batch] ?? 6)), everywhere(shop));
          }
          const truth = truthOf(updates);
          expect(await storedLevels(shop)).toEqual(readingsOf(truth));
          const itemLevels = [...truth.values()].filter((level) => level.inventoryItemId === ITEM);
          const total = await prisma.variantStock.findFirstOrThrow({ where: { shop }, select: { available: true } });
          expect(total.available).toBe(totalAvailable(itemLevels, "all"));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe.runIf(connection !== null)("the better-sqlite3 writer beside a Prisma transaction", () => {
  it("waits for the transaction on its connection to end instead of writing inside it", async () => {
    const shop = newShop();
    const writer = new SqliteLevelWriter(connection as NonNullable<typeof connection>);
    let release: () => void = () => {};
    let holding: () => void = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    // The transaction ends by rolling back: a batch written inside it would vanish with it.
    const transaction = prisma.$transaction(async (tx) => {
      await tx.shop.create({ data: { domain: shop } });
      holding();
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error("rolled back");
    });
    await held;
    const write = writer.write([delivery(shop)], everywhere(shop));
    release();
    await expect(transaction).rejects.toThrow("rolled back");
    expect((await write).outcomes).toEqual(["applied"]);
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(1);
    expect(await prisma.shop.count({ where: { domain: shop } })).toBe(0);
  });
});
