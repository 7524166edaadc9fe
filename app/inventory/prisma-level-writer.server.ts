// The level batch through Prisma, for PostgreSQL: one transaction of multi-row statements,
// each written in key order so that two instances writing overlapping batches lock rows in the
// same order and cannot deadlock.
import prisma from "~/db.server";
import { recordDeliveries } from "~/webhooks/receipts.server";
import { latestPerKey, type OnlineLocations } from "./levels";
import type { ChangedVariant, LevelDelivery, LevelWrite, LevelWriter } from "./level-writer";
import { applyInventoryLevels, recomputeVariantStock, shopLevelKey, type StockDb } from "./stock.server";

export const prismaLevelWriter: LevelWriter = {
  async write(deliveries, online) {
    return prisma.$transaction(async (tx) => {
      const recorded = await recordDeliveries(tx, deliveries.map(({ shop, eventId, topic }) => ({ source: "shopify" as const, shop, eventId, topic })));
      const fresh = new Set(recorded.map((delivery) => delivery.eventId));
      const firstOfEvent = deliveries.filter((delivery) => fresh.delete(delivery.eventId));
      // A statement cannot upsert one row twice: each level goes in once, as its latest reading.
      const levels = latestPerKey(firstOfEvent.map(({ shop, level }) => ({ shop, ...level })), shopLevelKey);
      const stored = await applyInventoryLevels(tx, levels);
      const changed = await recomputeStoredItems(tx, stored, online);
      return { outcomes: outcomesOf(deliveries, new Set(firstOfEvent)), changed } satisfies LevelWrite;
    });
  },
};

function outcomesOf(deliveries: readonly LevelDelivery[], applied: ReadonlySet<LevelDelivery>) {
  return deliveries.map((delivery) => (applied.has(delivery) ? ("applied" as const) : ("duplicate" as const)));
}

/**
 * Recomputes the variants of the items whose levels were stored. Most items in a shop's stream
 * feed no show (the cache keeps only lineup variants), so one read finds the ones that do; they
 * are recomputed one at a time in key order, which keeps lock order fixed across instances.
 */
async function recomputeStoredItems(
  tx: StockDb & Pick<typeof prisma, "variantStock">,
  stored: ReadonlyArray<{ shop: string; inventoryItemId: string }>,
  online: ReadonlyMap<string, OnlineLocations>,
): Promise<ChangedVariant[]> {
  const changed: ChangedVariant[] = [];
  for (const [shop, levels] of Map.groupBy(stored, (level) => level.shop)) {
    const itemIds = [...new Set(levels.map((level) => level.inventoryItemId))];
    const known = await tx.variantStock.findMany({ where: { shop, inventoryItemId: { in: itemIds } }, select: { inventoryItemId: true }, distinct: ["inventoryItemId"] });
    for (const inventoryItemId of known.map((row) => row.inventoryItemId).sort()) {
      const result = await recomputeVariantStock(shop, inventoryItemId, { db: tx, online: online.get(shop) ?? "all" });
      for (const variant of result.changed) changed.push({ shop, variant });
    }
  }
  return changed;
}
