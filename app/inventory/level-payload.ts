// An inventory_levels/update body as the level it sets. Shopify writes the ids as JSON numbers,
// which may pass 2^53, so the body is read with parseJsonExact rather than JSON.parse.
import { describePayloadError } from "~/webhooks/payload-fields";
import { inventoryLevelUpdate } from "./payloads";
import { parseJsonExact } from "~/lib/exact-json";
import { gidOf } from "./gid";
import type { LevelUpdate } from "./levels";

export type LevelPayloadReading = { ok: true; level: LevelUpdate } | { ok: false; error: string };

/** The level a delivery sets, keyed by its inventory_item_id and location_id; or why not, for the 400. */
export function readLevelPayload(topic: string, body: string): LevelPayloadReading {
  let json: unknown;
  try {
    json = parseJsonExact(body);
  } catch {
    return { ok: false, error: `${topic} payload: body is not JSON` };
  }
  const parsed = inventoryLevelUpdate.safeParse(json);
  if (!parsed.success) return { ok: false, error: describePayloadError(topic, parsed.error) };

  const { inventory_item_id: itemDigits, location_id: locationDigits, available, updated_at: updatedAt } = parsed.data;
  return {
    ok: true,
    level: {
      inventoryItemId: gidOf("InventoryItem", itemDigits),
      locationId: gidOf("Location", locationDigits),
      // Shopify sends null for an item that does not track inventory; its variant is always
      // available through the tracked flag, whatever is stored here.
      available: available ?? 0,
      updatedAt: new Date(updatedAt),
    },
  };
}
