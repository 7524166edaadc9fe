// The Liquid objects a Shopify theme sees (shop, product, cart, customer, localization), built
// from the sandbox state. Ids stay decimal strings so Liquid prints every digit; amounts are cents.
import type { SandboxState, SandboxShop, SandboxProduct, SandboxVariant, SandboxCustomer } from "../state";
import { numericIdOf } from "../ids";
import { storefrontCents, type CartJson } from "./cart-json";

export interface VariantObject {
  id: string;
  title: string;
  price: number;
  compare_at_price: number | null;
  available: boolean;
  sku: string;
  options: string[];
  option1: string | null;
  option2: string | null;
  option3: string | null;
  featured_image: { src: string; alt: string } | null;
  url: string;
}

export interface ProductObject {
  id: string;
  title: string;
  handle: string;
  url: string;
  description: string;
  vendor: string;
  type: string;
  tags: string[];
  available: boolean;
  price: number;
  price_min: number;
  price_max: number;
  price_varies: boolean;
  compare_at_price: number | null;
  featured_image: { src: string; alt: string };
  images: { src: string; alt: string }[];
  options: string[];
  options_with_values: { name: string; position: number; values: string[]; selected_value: string | null }[];
  has_only_default_variant: boolean;
  variants: VariantObject[];
  selected_or_first_available_variant: VariantObject | null;
}

/** How Shopify writes a few presentment currencies; others fall back to the amount and the code. */
const PRESENTMENT_MONEY_FORMATS: Record<string, string> = {
  EUR: "€{{amount_with_comma_separator}}",
  USD: "${{amount}}",
  GBP: "£{{amount}}",
  JPY: "¥{{amount_no_decimals}}",
};

/**
 * `shop`, with the money formats of the currency the buyer's market charges in: the shop's own
 * formats in its currency, Shopify's formats for that currency in another.
 */
export function shopObject(shop: SandboxShop, origin: string, presentmentCurrency = shop.currencyCode) {
  const own = presentmentCurrency === shop.currencyCode;
  const moneyFormat = own ? shop.moneyFormat : (PRESENTMENT_MONEY_FORMATS[presentmentCurrency] ?? `{{amount}} ${presentmentCurrency}`);
  return {
    name: shop.name,
    permanent_domain: shop.domain,
    domain: shop.domain,
    url: origin,
    email: shop.email,
    currency: shop.currencyCode,
    money_format: moneyFormat,
    money_with_currency_format: own ? shop.moneyWithCurrencyFormat : `${moneyFormat} ${presentmentCurrency}`,
  };
}

/** `country`: the buyer's, whose market's currency the prices are in (the shop's own market without one). */
export function variantObject(state: SandboxState, shop: string, product: SandboxProduct, variant: SandboxVariant, country: string | null = null): VariantObject {
  const available = state.availableQuantity(shop, variant);
  const { price, compareAtPrice } = state.contextualPrices(shop, variant, country);
  const id = numericIdOf(variant.id);
  const values = variant.selectedOptions.map((option) => option.value);
  return {
    id,
    title: variant.title,
    price: storefrontCents(price.amount, price.currencyCode),
    compare_at_price: compareAtPrice === null ? null : storefrontCents(compareAtPrice.amount, compareAtPrice.currencyCode),
    available: available === null || available > 0,
    sku: variant.sku,
    options: values,
    option1: values[0] ?? null,
    option2: values[1] ?? null,
    option3: values[2] ?? null,
    featured_image: variant.imageUrl ? { src: variant.imageUrl, alt: product.title } : null,
    url: `/products/${product.handle}?variant=${id}`,
  };
}

export function productObject(state: SandboxState, shop: string, product: SandboxProduct, selectedVariantId?: string | null, country: string | null = null): ProductObject {
  const variants = product.variants.map((variant) => variantObject(state, shop, product, variant, country));
  const prices = variants.map((variant) => variant.price);
  const selected =
    (selectedVariantId ? variants.find((variant) => variant.id === selectedVariantId) : undefined) ??
    variants.find((variant) => variant.available) ??
    variants[0] ??
    null;
  const image = { src: product.imageUrl, alt: product.title };
  return {
    id: numericIdOf(product.id),
    title: product.title,
    handle: product.handle,
    url: `/products/${product.handle}`,
    description: product.descriptionHtml,
    vendor: product.vendor,
    type: product.productType,
    tags: product.tags ?? [],
    available: variants.some((variant) => variant.available),
    price: Math.min(...prices),
    price_min: Math.min(...prices),
    price_max: Math.max(...prices),
    price_varies: Math.min(...prices) !== Math.max(...prices),
    compare_at_price: selected?.compare_at_price ?? null,
    featured_image: image,
    images: [image, ...variants.flatMap((variant) => (variant.featured_image ? [variant.featured_image] : []))],
    options: product.options.map((option) => option.name),
    options_with_values: product.options.map((option, i) => ({
      name: option.name,
      position: i + 1,
      values: option.values,
      selected_value: selected?.options[i] ?? null,
    })),
    has_only_default_variant: product.variants.length === 1 && product.variants[0]?.title === "Default Title",
    variants,
    selected_or_first_available_variant: selected,
  };
}

/** The cart object mirrors /cart.js (Liquid reads the same fields), with ids as strings. */
export function cartObject(cart: CartJson) {
  return {
    ...cart,
    items: cart.items.map((item) => ({
      ...item,
      id: item.id.digits,
      variant_id: item.variant_id.digits,
      product_id: item.product_id.digits,
      properties: Object.entries(item.properties).map(([name, value]) => ({ name, value, hidden: name.startsWith("_") })),
    })),
  };
}

/**
 * `localization`: the buyer's country with its market's currency, and the countries the
 * country selector offers. Prices, the cart and checkout are in that currency, as Shopify
 * presents them to a buyer in that market.
 */
export function localizationObject(shop: SandboxShop, country: string) {
  const countryObject = (isoCode: string) => {
    const market = shop.markets.find((candidate) => candidate.countries.includes(isoCode));
    return { iso_code: isoCode, currency: { iso_code: market?.currencyCode ?? shop.currencyCode } };
  };
  return {
    country: countryObject(country),
    available_countries: shop.markets.flatMap((market) => market.countries).map(countryObject),
  };
}

export function customerObject(customer: SandboxCustomer | undefined) {
  if (!customer) return null;
  return {
    id: numericIdOf(customer.id),
    email: customer.email,
    first_name: customer.firstName ?? "",
    last_name: customer.lastName ?? "",
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email,
  };
}
