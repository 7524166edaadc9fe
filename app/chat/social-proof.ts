// Social proof: "someone in Malmö just bought the Merino Crew Sweater", from an order the server
// attributed to a live show. It names the product and, when the merchant allows it, the city the
// order ships to (or is billed to): never a name, an email or a street. One line per product.
import type { PurchaseProof } from "./chat-event";

/** Longer than any real city's name; a longer one is not a city, and is left out. */
const MAX_CITY_CHARACTERS = 60;

export interface OrderAddresses {
  shipping_address?: { city?: string | null } | null;
  billing_address?: { city?: string | null } | null;
}

/** The city to name: where the order ships, or else where it is billed; null when there is none fit to show. */
export function buyerCityOf(order: OrderAddresses): string | null {
  for (const address of [order.shipping_address, order.billing_address]) {
    const city = address?.city?.replace(/\s+/g, " ").trim();
    if (city && city.length <= MAX_CITY_CHARACTERS && !/[<>@/\\]|\d{3}/.test(city)) return city;
  }
  return null;
}

/** What the show's viewers are told of one order: each product bought, in the lineup's words. */
export function purchaseProof(productTitles: readonly string[], city: string | null, nameCity: boolean): PurchaseProof[] {
  return [...new Set(productTitles)].map((productTitle) => ({ productTitle, city: nameCity ? city : null }));
}
