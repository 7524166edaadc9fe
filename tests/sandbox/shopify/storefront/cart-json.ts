// The AJAX Cart API's JSON: /cart.js and the line items that /cart/add.js returns. Amounts are
// integers in cents of the buyer's market currency (the presentment currency), as Shopify's
// storefront writes them whatever the currency, with the discount code the browser carries
// applied as Shopify's checkout would apply it; ids are JSON numbers written with every digit
// (JsonInteger, since they pass 2^53).
import type { SandboxState, SandboxProduct, SandboxVariant } from "../state";
import { idNumber, type JsonInteger } from "../raw-json";
import { currencyExponent } from "../money";
import { applicationValue, priceCart, type DiscountApplication, type PricedCart, type PricedLine } from "../checkout-pricing";
import type { Cart, CartLine } from "./carts";

/** What prices a cart besides its lines: the buyer's country (their market) and the code their browser carries. */
export interface CartPricing {
  country: string | null;
  discountCode: string | null;
}

/** Storefront amounts are cents (hundredths) even for zero-decimal currencies such as JPY. */
export function storefrontCents(minor: number, currencyCode: string): number {
  return minor * 10 ** (2 - currencyExponent(currencyCode));
}

export type CartLineJson = {
  id: JsonInteger;
  variant_id: JsonInteger;
  product_id: JsonInteger;
  key: string;
  title: string;
  quantity: number;
  price: number;
  original_price: number;
  discounted_price: number;
  final_price: number;
  line_price: number;
  original_line_price: number;
  final_line_price: number;
  total_discount: number;
  discounts: { amount: number; title: string }[];
  line_level_discount_allocations: { amount: number; discount_application: DiscountApplicationJson }[];
  line_level_total_discount: number;
  properties: Record<string, string>;
  sku: string;
  vendor: string;
  handle: string;
  url: string;
  image: string | null;
  featured_image: { url: string | null; alt: string; aspect_ratio: number } | null;
  product_title: string;
  product_type: string;
  product_has_only_default_variant: boolean;
  variant_title: string | null;
  variant_options: string[];
  options_with_values: { name: string; value: string }[];
  requires_shipping: boolean;
  taxable: boolean;
  gift_card: boolean;
};

export type CartJson = {
  token: string;
  note: string;
  attributes: Record<string, string>;
  original_total_price: number;
  total_price: number;
  total_discount: number;
  total_weight: number;
  item_count: number;
  items: CartLineJson[];
  requires_shipping: boolean;
  currency: string;
  items_subtotal_price: number;
  cart_level_discount_applications: DiscountApplicationJson[];
  discount_codes: { code: string; applicable: boolean }[];
};

export type DiscountApplicationJson = {
  type: "discount_code";
  key: string;
  title: string;
  description: string | null;
  value: string;
  created_at: string;
  value_type: DiscountApplication["valueType"];
  allocation_method: DiscountApplication["allocationMethod"];
  target_selection: DiscountApplication["targetSelection"];
  target_type: "line_item";
  total_allocated_amount: number;
};

function hasOnlyDefaultVariant(product: SandboxProduct): boolean {
  return product.variants.length === 1 && product.variants[0]?.title === "Default Title";
}

function variantOf(state: SandboxState, shop: string, line: CartLine): SandboxVariant {
  return state.findVariant(shop, line.variantId) as SandboxVariant; // lines only hold variants that resolved
}

/** The cart as checkout would charge it; the code counts only while it is active. */
export function priceCartLines(state: SandboxState, cart: Cart, pricing: CartPricing): PricedCart {
  const shop = state.getShop(cart.shop);
  const discount = pricing.discountCode ? state.activeDiscountByCode(cart.shop, pricing.discountCode) : undefined;
  const lines = cart.lines.map((line) => ({ variant: variantOf(state, cart.shop, line), quantity: line.quantity }));
  return priceCart(shop.currencyCode, state.marketFor(cart.shop, pricing.country), lines, discount);
}

function applicationJson(application: DiscountApplication, currency: string, createdAt: string): DiscountApplicationJson {
  return {
    type: "discount_code",
    key: application.code,
    title: application.code,
    description: null,
    value: applicationValue(application, currency),
    created_at: createdAt,
    value_type: application.valueType,
    allocation_method: application.allocationMethod,
    target_selection: application.targetSelection,
    target_type: "line_item",
    total_allocated_amount: storefrontCents(application.totalAllocated, currency),
  };
}

function lineJson(state: SandboxState, shop: string, line: CartLine, priced: PricedLine, currency: string, lineLevel: DiscountApplicationJson | null): CartLineJson {
  const variant = variantOf(state, shop, line);
  const product = state.findProduct(shop, variant.productId) as SandboxProduct;
  const onlyDefault = hasOnlyDefaultVariant(product);
  const image = variant.imageUrl ?? product.imageUrl ?? null;
  const price = storefrontCents(priced.unitPrice, currency);
  const originalLinePrice = price * line.quantity;
  const lineDiscount = lineLevel ? storefrontCents(priced.discount, currency) : 0;
  const linePrice = originalLinePrice - lineDiscount;
  const finalPrice = Math.round(linePrice / line.quantity);
  const allocations = lineDiscount > 0 && lineLevel ? [{ amount: lineDiscount, discount_application: lineLevel }] : [];
  return {
    id: idNumber(line.variantId),
    variant_id: idNumber(line.variantId),
    product_id: idNumber(product.id),
    key: line.key,
    title: onlyDefault ? product.title : `${product.title} - ${variant.title}`,
    quantity: line.quantity,
    price,
    original_price: price,
    // Line-level discounts (an amount off products) lower these; a cart-level one only the cart's total.
    discounted_price: finalPrice,
    final_price: finalPrice,
    line_price: linePrice,
    original_line_price: originalLinePrice,
    final_line_price: linePrice,
    total_discount: lineDiscount,
    discounts: allocations.map((allocation) => ({ amount: allocation.amount, title: allocation.discount_application.title })),
    line_level_discount_allocations: allocations,
    line_level_total_discount: lineDiscount,
    properties: { ...line.properties },
    sku: variant.sku,
    vendor: product.vendor,
    handle: product.handle,
    url: `/products/${product.handle}?variant=${line.variantId}`,
    image,
    featured_image: image ? { url: image, alt: product.title, aspect_ratio: 1 } : null,
    product_title: product.title,
    product_type: product.productType,
    product_has_only_default_variant: onlyDefault,
    variant_title: onlyDefault ? null : variant.title,
    variant_options: variant.selectedOptions.map((option) => option.value),
    options_with_values: variant.selectedOptions.map((option) => ({ ...option })),
    requires_shipping: true,
    taxable: true,
    gift_card: false,
  };
}

export function cartJson(state: SandboxState, cart: Cart, pricing: CartPricing): CartJson {
  const priced = priceCartLines(state, cart, pricing);
  const currency = priced.currencyCode;
  const cents = (minor: number) => storefrontCents(minor, currency);
  const { application } = priced;
  const applied = application ? applicationJson(application, currency, state.activeDiscountByCode(cart.shop, application.code)?.createdAt ?? state.now().toISOString()) : null;
  const items = cart.lines.map((line, i) => lineJson(state, cart.shop, line, priced.lines[i] as PricedLine, currency, application?.level === "line" ? applied : null));
  return {
    token: cart.token,
    note: cart.note,
    attributes: { ...cart.attributes },
    original_total_price: cents(priced.originalTotal),
    total_price: cents(priced.total),
    total_discount: cents(priced.originalTotal - priced.total),
    total_weight: 0,
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items,
    requires_shipping: items.length > 0,
    currency,
    items_subtotal_price: cents(priced.itemsSubtotal),
    cart_level_discount_applications: application?.level === "cart" && applied ? [applied] : [],
    // A code that reaches no line (or is not active) stays on the cart, marked not applicable.
    discount_codes: pricing.discountCode ? [{ code: pricing.discountCode, applicable: application !== null }] : [],
  };
}
