// The AJAX Cart API's JSON: /cart.js and the line items that /cart/add.js returns. Amounts are
// integers in cents, as Shopify's storefront writes them whatever the currency; ids are JSON
// numbers written with every digit (JsonInteger, since they pass 2^53).
import type { SandboxState, SandboxProduct, SandboxVariant } from "../state";
import { idNumber, type JsonInteger } from "../raw-json";
import { currencyExponent } from "../money";
import type { Cart, CartLine } from "./carts";

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
  discounts: never[];
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
  cart_level_discount_applications: never[];
};

function hasOnlyDefaultVariant(product: SandboxProduct): boolean {
  return product.variants.length === 1 && product.variants[0]?.title === "Default Title";
}

export function lineJson(state: SandboxState, shop: string, line: CartLine): CartLineJson {
  const variant = state.findVariant(shop, line.variantId) as SandboxVariant; // lines only hold variants that resolved
  const product = state.findProduct(shop, variant.productId) as SandboxProduct;
  const onlyDefault = hasOnlyDefaultVariant(product);
  const image = variant.imageUrl ?? product.imageUrl ?? null;
  const price = storefrontCents(variant.price, state.getShop(shop).currencyCode);
  const linePrice = price * line.quantity;
  return {
    id: idNumber(line.variantId),
    variant_id: idNumber(line.variantId),
    product_id: idNumber(product.id),
    key: line.key,
    title: onlyDefault ? product.title : `${product.title} - ${variant.title}`,
    quantity: line.quantity,
    price,
    original_price: price,
    discounted_price: price,
    final_price: price,
    line_price: linePrice,
    original_line_price: linePrice,
    final_line_price: linePrice,
    total_discount: 0,
    discounts: [],
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

export function cartJson(state: SandboxState, cart: Cart): CartJson {
  const items = cart.lines.map((line) => lineJson(state, cart.shop, line));
  const total = items.reduce((sum, item) => sum + item.line_price, 0);
  return {
    token: cart.token,
    note: cart.note,
    attributes: { ...cart.attributes },
    original_total_price: total,
    total_price: total,
    total_discount: 0,
    total_weight: 0,
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items,
    requires_shipping: items.length > 0,
    currency: state.getShop(cart.shop).currencyCode,
    items_subtotal_price: total,
    cart_level_discount_applications: [],
  };
}
