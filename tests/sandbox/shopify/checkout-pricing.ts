// What Shopify's checkout charges for a cart: every line at the buyer's market price, and a
// basic code discount applied the way Shopify applies one. A code that names products or
// variants is an "amount off products" (line-level: it lowers those lines' prices); one that
// names none is an "amount off order" (cart-level: it lowers the total, spread over the lines).
// /cart.js, the checkout page and the paid order all price through here, so the order records
// exactly what the shopper was shown. Amounts are minor units of the market's currency.
import { sameId } from "./ids";
import { convertToMarket, priceInMarket, type SandboxMarket } from "./markets";
import { toDecimalString } from "./money";
import type { SandboxDiscount, SandboxVariant } from "./state";

export interface DiscountApplication {
  code: string;
  title: string;
  level: "line" | "cart";
  valueType: "percentage" | "fixed_amount";
  /** Percent for a percentage discount (15 for 15 %), else minor units of the market's currency. */
  value: number;
  allocationMethod: "across" | "each";
  targetSelection: "all" | "entitled";
  totalAllocated: number;
}

export interface PricedLine {
  unitPrice: number;
  quantity: number;
  /** The code's share of this line, line-level or cart-level. */
  discount: number;
}

export interface PricedCart {
  currencyCode: string;
  lines: PricedLine[];
  /** Null without a code, or when the code reaches none of the lines (Shopify then leaves it unapplied). */
  application: DiscountApplication | null;
  /** Before any discount. */
  originalTotal: number;
  /** After line-level discounts, before cart-level ones (the cart's items_subtotal_price). */
  itemsSubtotal: number;
  /** What the buyer pays. */
  total: number;
}

export function priceCart(
  shopCurrency: string,
  market: SandboxMarket,
  lines: { variant: SandboxVariant; quantity: number }[],
  discount: SandboxDiscount | undefined,
): PricedCart {
  const priced = lines.map(({ variant, quantity }) => ({ unitPrice: priceInMarket(variant.price, shopCurrency, market).amount, quantity, discount: 0 }));
  const originalTotal = priced.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const application = discount ? applyDiscount(discount, lines, priced, (minor) => convertToMarket(minor, shopCurrency, market)) : null;
  const lineLevel = application?.level === "line" ? application.totalAllocated : 0;
  const cartLevel = application?.level === "cart" ? application.totalAllocated : 0;
  return {
    currencyCode: market.currencyCode,
    lines: priced,
    application,
    originalTotal,
    itemsSubtotal: originalTotal - lineLevel,
    total: originalTotal - lineLevel - cartLevel,
  };
}

/** A discount's value as Shopify writes it in a cart or an order: "15.0" (percent), or "9.00" in the presentment currency. */
export function applicationValue(application: DiscountApplication, currencyCode: string): string {
  return application.valueType === "percentage" ? application.value.toFixed(1) : toDecimalString(application.value, currencyCode);
}

/** Writes each line's share into `priced`; null when no line is entitled. */
function applyDiscount(
  discount: SandboxDiscount,
  lines: { variant: SandboxVariant }[],
  priced: PricedLine[],
  toMarket: (shopMinor: number) => number,
): DiscountApplication | null {
  const everything = discount.productIds.length === 0 && discount.variantIds.length === 0;
  const entitled = lines.map(
    ({ variant }) =>
      everything ||
      discount.productIds.some((id) => sameId(id, variant.productId)) ||
      discount.variantIds.some((id) => sameId(id, variant.id)),
  );
  if (!entitled.includes(true)) return null;
  const totals = priced.map((line, i) => (entitled[i] ? line.unitPrice * line.quantity : 0));
  const entitledTotal = totals.reduce((sum, total) => sum + total, 0);
  let shares: number[];
  let valueType: DiscountApplication["valueType"];
  let value: number;
  let allocationMethod: DiscountApplication["allocationMethod"] = "across";
  if ("percentage" in discount.value) {
    const fraction = discount.value.percentage;
    valueType = "percentage";
    value = Math.round(fraction * 10_000) / 100;
    // Off products, each line is discounted on its own; off the order, the total is, then spread.
    shares = everything ? spread(Math.round(entitledTotal * fraction), totals) : totals.map((total) => Math.round(total * fraction));
  } else {
    valueType = "fixed_amount";
    value = toMarket(discount.value.amount);
    if (discount.value.appliesOnEachItem && !everything) {
      allocationMethod = "each";
      shares = priced.map((line, i) => (entitled[i] ? Math.min(value, line.unitPrice) * line.quantity : 0));
    } else {
      shares = spread(Math.min(value, entitledTotal), totals);
    }
  }
  shares.forEach((share, i) => {
    (priced[i] as PricedLine).discount = share;
  });
  return {
    code: discount.code,
    title: discount.title,
    level: everything ? "cart" : "line",
    valueType,
    value,
    allocationMethod,
    targetSelection: everything ? "all" : "entitled",
    totalAllocated: shares.reduce((sum, share) => sum + share, 0),
  };
}

/** Splits `amount` in proportion to `weights`, rounding down; the last weighted line takes what is left. */
function spread(amount: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const last = weights.findLastIndex((weight) => weight > 0);
  let given = 0;
  return weights.map((weight, i) => {
    const share = i === last ? amount - given : Math.floor((amount * weight) / (sum || 1));
    given += share;
    return share;
  });
}
