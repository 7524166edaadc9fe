// Shopify ids as the app keeps them: the full GID strings. The numeric part can exceed
// Number.MAX_SAFE_INTEGER, so it stays a string of digits and is never converted to a number.

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?(.*))?$/;

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

export interface InventoryLevelKey {
  inventoryItemId: string;
  locationId: string;
}

/**
 * An InventoryLevel GID names its location in the path and its item in the query:
 * gid://shopify/InventoryLevel/<locationId>?inventory_item_id=<itemId>.
 */
export function parseInventoryLevelGid(value: string): InventoryLevelKey {
  const match = GID.exec(value);
  const itemDigits = match?.[3] ? new URLSearchParams(match[3]).get("inventory_item_id") : null;
  if (!match || match[1] !== "InventoryLevel" || !itemDigits || !/^\d+$/.test(itemDigits)) {
    throw new GidError(value, "InventoryLevel");
  }
  return { locationId: gidOf("Location", match[2] as string), inventoryItemId: gidOf("InventoryItem", itemDigits) };
}
