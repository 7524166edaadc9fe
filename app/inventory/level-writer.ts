// What a level writer is: it applies a batch of inventory_levels/update deliveries in one
// transaction and says what each did. The two writers (better-sqlite3 on SQLite, Prisma
// elsewhere) and level-deliveries.server.ts, which picks one and batches for it, meet here.
import type { OnlineLocations } from "./levels";
import type { InventoryLevelInput, VariantStockRow } from "./stock.server";

export interface LevelDelivery {
  shop: string;
  /** X-Shopify-Event-Id, or the webhook id where Shopify sent none. */
  eventId: string;
  topic: string;
  level: InventoryLevelInput;
}

export type DeliveryOutcome = "applied" | "duplicate";

export interface ChangedVariant {
  shop: string;
  variant: VariantStockRow;
}

export interface LevelWrite {
  /** One per delivery, in order: a repeated event id (earlier, or earlier in the batch) is a duplicate. */
  outcomes: DeliveryOutcome[];
  /** The variants whose available total changed. */
  changed: ChangedVariant[];
}

export interface LevelWriter {
  write(deliveries: readonly LevelDelivery[], online: ReadonlyMap<string, OnlineLocations>): Promise<LevelWrite>;
}
