// Query parameters that should name a Shopify id but may hold anything a shopper typed.
import { numericIdOf } from "../ids";

export function numericIdOfOrUndefined(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return numericIdOf(value);
  } catch {
    return undefined;
  }
}
