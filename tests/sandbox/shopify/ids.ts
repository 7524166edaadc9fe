// Shopify global ids. Numeric parts are kept as decimal strings everywhere: several of the
// sandbox's ids exceed Number.MAX_SAFE_INTEGER on purpose, so the app's id handling is tested.

export type ResourceKind =
  | "Product"
  | "ProductVariant"
  | "InventoryItem"
  | "InventoryLevel"
  | "Location"
  | "Order"
  | "LineItem"
  | "Refund"
  | "RefundLineItem"
  | "DiscountCodeNode"
  | "DiscountRedeemCode"
  | "Customer"
  | "WebhookSubscription"
  | "Shop"
  | "AppSubscription"
  | "AppSubscriptionLineItem"
  | "AppUsageRecord"
  | "Market";

export function gid(kind: ResourceKind, numericId: string | bigint): string {
  return `gid://shopify/${kind}/${numericId.toString()}`;
}

/** The numeric part of a gid ("gid://shopify/Product/12?x=1" → "12") or a bare numeric id string. */
export function numericIdOf(id: string): string {
  const match = /^gid:\/\/shopify\/\w+\/(\d+)/.exec(id) ?? /^(\d+)$/.exec(id.trim());
  if (!match?.[1]) throw new Error(`Not a Shopify id: ${JSON.stringify(id)}`);
  return match[1];
}

/**
 * An InventoryLevel's gid as Shopify writes it, in the Admin API and in webhooks alike: the level's
 * own number (not its location's), and its inventory item in the query.
 */
export function inventoryLevelGid(levelId: string, inventoryItemId: string): string {
  return `gid://shopify/InventoryLevel/${numericIdOf(levelId)}?inventory_item_id=${numericIdOf(inventoryItemId)}`;
}

/** The resource type of a gid, or undefined for anything else. */
export function kindOf(id: string): string | undefined {
  return /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1];
}

/** True when both ids name the same number (either may be a gid or a bare number). */
export function sameId(a: string, b: string): boolean {
  try {
    return numericIdOf(a) === numericIdOf(b);
  } catch {
    return false;
  }
}

/**
 * Hands out increasing numeric ids per resource kind. Each kind starts at its own base so ids
 * read distinctly in logs; bases at or above 2^53 make those ids unsafe as JS numbers.
 */
export class IdSequence {
  private readonly next = new Map<ResourceKind, bigint>();

  constructor(private readonly bases: Partial<Record<ResourceKind, bigint>> = DEFAULT_ID_BASES) {}

  take(kind: ResourceKind): string {
    const value = this.next.get(kind) ?? this.bases[kind] ?? 1000n;
    this.next.set(kind, value + 1n);
    return gid(kind, value);
  }
}

/** Number.MAX_SAFE_INTEGER is 9007199254740991: variants, inventory items and their levels, line items and refunds go past it. */
export const DEFAULT_ID_BASES: Partial<Record<ResourceKind, bigint>> = {
  Product: 8_100_000_001n,
  ProductVariant: 9_007_199_254_741_001n,
  InventoryItem: 9_007_199_254_751_001n,
  InventoryLevel: 9_007_199_254_791_001n,
  Location: 71_000_001n,
  Order: 6_100_000_001n,
  LineItem: 9_007_199_254_761_001n,
  Refund: 9_007_199_254_771_001n,
  RefundLineItem: 9_007_199_254_781_001n,
  DiscountCodeNode: 1_400_000_001n,
  DiscountRedeemCode: 1_500_000_001n,
  Customer: 7_200_000_001n,
  WebhookSubscription: 1_600_000_001n,
  Shop: 5_500_000_001n,
  AppSubscription: 3_100_000_001n,
  AppSubscriptionLineItem: 3_200_000_001n,
  AppUsageRecord: 3_300_000_001n,
  Market: 2_400_000_001n,
};

/** A gid for resources the sandbox derives rather than stores (images, media, options, adjustment groups). */
export function derivedGid(kind: string, numericId: string | bigint): string {
  return `gid://shopify/${kind}/${numericId.toString()}`;
}
