// inventory_levels/update deliveries, many at a time: the hot path of a flash sale. A writer
// records a batch's receipts, stores the levels newer than what is stored and recomputes the
// variants those levels feed, all in one transaction, so a batch counts entirely or not at all
// (a failed one leaves no receipt behind, and Shopify's retry is acted on). Viewers hear after
// the commit.
import { sqliteConnection } from "~/db.server";
import { Batcher } from "./batcher";
import { runForItems } from "./item-queue.server";
import type { OnlineLocations } from "./levels";
import { getOnlineLocations } from "./online-locations.server";
import { prismaLevelWriter } from "./prisma-level-writer.server";
import { publishStock } from "./publish-stock.server";
import { SqliteLevelWriter } from "./sqlite-level-writer.server";
import type { DeliveryOutcome, LevelDelivery, LevelWriter } from "./level-writer";
import { toStockEvent } from "./stock.server";

declare global {
  // One writer and one batcher per process, also across Vite's module reloads in development.
  var liveShowsLevelWriter: LevelWriter | undefined;
  var liveShowsLevelBatcher: Batcher<LevelDelivery, DeliveryOutcome> | undefined;
}

/** better-sqlite3 directly on SQLite (sqlite-level-writer.server.ts says why), Prisma elsewhere. */
export async function levelWriter(): Promise<LevelWriter> {
  if (!globalThis.liveShowsLevelWriter) {
    const connection = await sqliteConnection();
    globalThis.liveShowsLevelWriter ??= connection ? new SqliteLevelWriter(connection) : prismaLevelWriter;
  }
  return globalThis.liveShowsLevelWriter;
}

/** Applies the deliveries (see the top of this file); answers each one's outcome, in order. */
export async function applyLevelDeliveries(deliveries: readonly LevelDelivery[], chosen?: LevelWriter): Promise<DeliveryOutcome[]> {
  const writer = chosen ?? (await levelWriter());
  const items = deliveries.map(({ shop, level }) => ({ shop, inventoryItemId: level.inventoryItemId }));
  return runForItems(items, async () => {
    const online = new Map<string, OnlineLocations>();
    for (const { shop } of deliveries) if (!online.has(shop)) online.set(shop, await getOnlineLocations(shop));
    const { outcomes, changed } = await writer.write(deliveries, online);
    await Promise.all(changed.map(({ shop, variant }) => publishStock(shop, toStockEvent(variant))));
    return outcomes;
  });
}

/**
 * A database that is busy or out of reach fails every delivery alike: trying a batch again one
 * delivery at a time would only hold every later webhook back while Shopify's requests time out.
 * SQLITE_BUSY from better-sqlite3; Prisma's codes for an unreachable server, a pool timeout, a
 * transaction that could not run, and a write conflict or deadlock.
 */
const SHARED_FAILURES = new Set(["SQLITE_BUSY", "P1001", "P2024", "P2028", "P2034"]);

function mayFailAlone(error: unknown): boolean {
  return !SHARED_FAILURES.has(String((error as { code?: unknown } | null)?.code));
}

/** Queues a verified delivery for the next batch; resolves once its batch is committed. */
export function submitLevelDelivery(delivery: LevelDelivery): Promise<DeliveryOutcome> {
  globalThis.liveShowsLevelBatcher ??= new Batcher((deliveries) => applyLevelDeliveries(deliveries), { mayFailAlone });
  return globalThis.liveShowsLevelBatcher.submit(delivery);
}
