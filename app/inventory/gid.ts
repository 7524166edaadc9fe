// Shopify ids as the app keeps them: the full GID strings. The numeric part can exceed
// Number.MAX_SAFE_INTEGER, so it stays a string of digits and is never converted to a number.

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/;

export class GidError extends Error {
  constructor(value: string, expected: string) {
    super(`Expected a Shopify ${expected} GID (gid://shopify/${expected}/<digits>), got "${value}"`);
    this.name = "GidError";
  }
}

export function gidOf(type: string, digits: string): string {
  if (!/^\d+$/.test(digits)) throw new GidError(digits, type);
  return `gid://shopify/${type}/${digits}`;
}

/** The digits of a GID of the given type; throws naming the expected type otherwise. */
export function gidDigits(value: string, type: string): string {
  const match = GID.exec(value);
  if (!match || match[1] !== type) throw new GidError(value, type);
  return match[2] as string;
}

/** A GID without query parameters, e.g. for keys: gid://shopify/Location/1?x=y → gid://shopify/Location/1. */
export function normalizeGid(value: string, type: string): string {
  return gidOf(type, gidDigits(value, type));
}

/**
 * A level's key: its inventory item and its location, as GIDs. Webhooks (inventory_item_id,
 * location_id) and the Admin API (item, location { id }) both give them; the InventoryLevel GID
 * does not, since the number in gid://shopify/InventoryLevel/<n>?inventory_item_id=<item> is the
 * level's own id, not its location's.
 */
export interface InventoryLevelKey {
  inventoryItemId: string;
  locationId: string;
}
