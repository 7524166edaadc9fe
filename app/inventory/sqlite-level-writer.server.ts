// The level batch on SQLite, straight through better-sqlite3 with prepared statements: through
// Prisma each statement of this path cost ten times its own work (query compilation, the
// adapter's round trip), and this path runs thousands of times a second in a flash sale.
// The rules are the ones stock.server.ts writes for Prisma (newer wins, lower on a tie; totals
// over the online locations); the writer contract test holds both writers to them.
import { orderedId } from "~/lib/ordered-id";
import type Database from "better-sqlite3";
import type { OnlineLocations } from "./levels";
import type { ChangedVariant, DeliveryOutcome, LevelDelivery, LevelWrite, LevelWriter } from "./level-writer";

/** How long a batch waits, in all, for a transaction of Prisma's (or another process's) to end. */
const BUSY_PATIENCE_MS = 5_000;

/** A VariantStock row as SQLite answers it: booleans are 0 or 1. */
type StoredVariant = Omit<ChangedVariant["variant"], "tracked"> & { tracked: number };

/** SQLite's own timestamp text as Prisma's adapter writes it, so that comparisons agree. */
const timestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

export class SqliteLevelWriter implements LevelWriter {
  private readonly statements;
  private readonly applyBatch;

  /** `db` is Prisma's own connection (app/db.server.ts `sqliteConnection`): see SharedSqliteAdapter for why. */
  constructor(private readonly db: Database.Database) {
    this.statements = {
      recordReceipt: this.db.prepare(`
        INSERT INTO "WebhookReceipt" ("id", "source", "eventId", "shop", "topic", "receivedAt")
        VALUES (?, 'shopify', ?, ?, ?, ?)
        ON CONFLICT ("source", "eventId") DO NOTHING`),
      storeLevel: this.db.prepare(`
        INSERT INTO "InventoryLevel" ("id", "shop", "inventoryItemId", "locationId", "available", "sourceUpdatedAt", "updatedAt")
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT ("shop", "inventoryItemId", "locationId") DO UPDATE
        SET "available" = excluded."available", "sourceUpdatedAt" = excluded."sourceUpdatedAt", "updatedAt" = excluded."updatedAt"
        WHERE "InventoryLevel"."sourceUpdatedAt" < excluded."sourceUpdatedAt"
           OR ("InventoryLevel"."sourceUpdatedAt" = excluded."sourceUpdatedAt" AND "InventoryLevel"."available" > excluded."available")`),
      // The online locations come as a JSON array, or null when every location counts.
      recompute: this.db.prepare<{ shop: string; item: string; online: string | null; now: string }, StoredVariant>(`
        WITH total AS (
          SELECT CAST(COALESCE(SUM(l."available"), 0) AS INTEGER) AS "available" FROM "InventoryLevel" l
          WHERE l."shop" = :shop AND l."inventoryItemId" = :item
            AND (:online IS NULL OR l."locationId" IN (SELECT value FROM json_each(:online))))
        UPDATE "VariantStock" SET "available" = (SELECT "available" FROM total), "updatedAt" = :now
        WHERE "shop" = :shop AND "inventoryItemId" = :item AND "available" <> (SELECT "available" FROM total)
        RETURNING "variantId", "productId", "inventoryItemId", "tracked", "available"`)
        // Prisma's connection reads integers as BigInt by default; a stock count fits a number.
        .safeIntegers(false),
    };
    this.applyBatch = this.db.transaction((deliveries: readonly LevelDelivery[], online: ReadonlyMap<string, OnlineLocations>): LevelWrite => {
      const now = timestamp(new Date());
      const outcomes: DeliveryOutcome[] = [];
      const stored = new Map<string, { shop: string; item: string }>();
      for (const { shop, eventId, topic, level } of deliveries) {
        if (!this.statements.recordReceipt.run(orderedId(), eventId, shop, topic, now).changes) {
          outcomes.push("duplicate");
          continue;
        }
        outcomes.push("applied");
        const { inventoryItemId, locationId, available, updatedAt } = level;
        if (this.statements.storeLevel.run(orderedId(), shop, inventoryItemId, locationId, available, timestamp(updatedAt), now).changes) {
          stored.set(`${shop} ${inventoryItemId}`, { shop, item: inventoryItemId });
        }
      }
      const changed: ChangedVariant[] = [];
      for (const { shop, item } of stored.values()) {
        const sells = online.get(shop) ?? "all";
        const rows = this.statements.recompute.all({ shop, item, online: sells === "all" ? null : JSON.stringify([...sells]), now });
        for (const row of rows) changed.push({ shop, variant: { ...row, tracked: Boolean(row.tracked) } });
      }
      return { outcomes, changed };
    });
  }

  async write(deliveries: readonly LevelDelivery[], online: ReadonlyMap<string, OnlineLocations>): Promise<LevelWrite> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      // A transaction of Prisma's is open on this connection across its awaits: writing now would
      // write inside it. The batch runs whole between two of Prisma's steps instead.
      if (!this.db.inTransaction) {
        try {
          // IMMEDIATE takes the write lock up front: a deferred transaction could fail halfway.
          return this.applyBatch.immediate(deliveries, online);
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
        }
      }
      if (Date.now() - started > BUSY_PATIENCE_MS) throw Object.assign(new Error("The database stayed busy; the stock batch was not written"), { code: "SQLITE_BUSY" });
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 50)));
    }
  }
}
