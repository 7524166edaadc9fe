// A variant's stock as the control page and its endpoints show it: the number at each of the
// shop's locations, whether that location sells online, and the online total a shopper sees
// (the sum over active locations that fulfil online orders, the rule the app applies too).
import type { SandboxLocation, SandboxState, SandboxVariant } from "./state";

export interface LocationStock {
  locationId: string;
  name: string;
  /** Active and fulfils online orders: its stock counts towards what shoppers see. */
  sellsOnline: boolean;
  /** Why the location's stock is or is not counted, in words. */
  note: "sells online" | "does not sell online" | "inactive";
  /** null: the item has never been stocked at this location. */
  available: number | null;
}

export interface VariantStock {
  variantId: string;
  inventoryItemId: string;
  tracked: boolean;
  /** What the storefront shows; null when the item is not tracked (always available). */
  onlineAvailable: number | null;
  locations: LocationStock[];
}

export function locationNote(location: SandboxLocation): LocationStock["note"] {
  if (!location.isActive) return "inactive";
  return location.fulfillsOnlineOrders ? "sells online" : "does not sell online";
}

export function variantStock(state: SandboxState, shop: string, variant: SandboxVariant): VariantStock {
  return {
    variantId: variant.id,
    inventoryItemId: variant.inventoryItem.id,
    tracked: variant.inventoryItem.tracked,
    onlineAvailable: state.availableQuantity(shop, variant),
    locations: state.getShop(shop).locations.map((location) => ({
      locationId: location.id,
      name: location.name,
      sellsOnline: location.isActive && location.fulfillsOnlineOrders,
      note: locationNote(location),
      available: variant.inventoryItem.levels.find((level) => level.locationId === location.id)?.available ?? null,
    })),
  };
}
