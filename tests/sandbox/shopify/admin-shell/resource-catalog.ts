// The shop's catalog as App Bridge's resource picker returns it (Product with variants, money
// as decimal strings, gids), filtered the way the picker filters: draft and archived products
// shown unless turned off, and a search over title, handle, vendor, tags and SKUs.
import type { SandboxState, SandboxProduct } from "../state";
import { toDecimalString } from "../money";

export interface PickerFilters {
  query?: string;
  draft?: boolean;
  archived?: boolean;
}

export function pickerProduct(state: SandboxState, shop: string, product: SandboxProduct) {
  const { currencyCode } = state.getShop(shop);
  const image = { id: product.id.replace("/Product/", "/ProductImage/"), originalSrc: product.imageUrl, altText: product.title };
  const variants = product.variants.map((variant, position) => {
    const available = state.availableQuantity(shop, variant);
    return {
      id: variant.id,
      title: variant.title,
      displayName: `${product.title} - ${variant.title}`,
      price: toDecimalString(variant.price, currencyCode),
      compareAtPrice: variant.compareAtPrice === null ? null : toDecimalString(variant.compareAtPrice, currencyCode),
      sku: variant.sku,
      inventoryQuantity: variant.inventoryItem.tracked ? state.totalQuantity(variant) : null,
      inventoryManagement: variant.inventoryItem.tracked ? "SHOPIFY" : "NOT_MANAGED",
      inventoryPolicy: "DENY",
      availableForSale: product.status === "ACTIVE" && (available === null || available > 0),
      selectedOptions: variant.selectedOptions.map((option) => ({ ...option })),
      inventoryItem: { id: variant.inventoryItem.id },
      image: variant.imageUrl ? { id: variant.id.replace("/ProductVariant/", "/ProductImage/"), originalSrc: variant.imageUrl, altText: variant.title } : null,
      position: position + 1,
      product: { id: product.id },
    };
  });
  const tracked = product.variants.filter((variant) => variant.inventoryItem.tracked);
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags ?? [],
    descriptionHtml: product.descriptionHtml,
    createdAt: product.createdAt ?? product.updatedAt,
    updatedAt: product.updatedAt,
    publishedAt: product.status === "ACTIVE" ? (product.createdAt ?? product.updatedAt) : null,
    templateSuffix: null,
    availablePublicationCount: product.status === "ACTIVE" ? 1 : 0,
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0]?.title === "Default Title",
    images: [image],
    options: product.options.map((option, i) => ({ id: `${product.id.replace("/Product/", "/ProductOption/")}${i}`, name: option.name, position: i + 1, values: option.values })),
    totalInventory: tracked.reduce((sum, variant) => sum + state.totalQuantity(variant), 0),
    totalVariants: product.variants.length,
    tracksInventory: tracked.length > 0,
    variants,
  };
}

export type PickerProduct = ReturnType<typeof pickerProduct>;

function matches(product: SandboxProduct, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [product.title, product.handle, product.vendor, product.productType, ...(product.tags ?? []), ...product.variants.map((variant) => variant.sku)]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function pickerCatalog(state: SandboxState, shop: string, filters: PickerFilters = {}): PickerProduct[] {
  return state
    .getShop(shop)
    .products.filter((product) => (product.status === "DRAFT" ? filters.draft !== false : true))
    .filter((product) => (product.status === "ARCHIVED" ? filters.archived !== false : true))
    .filter((product) => !filters.query || matches(product, filters.query))
    .map((product) => pickerProduct(state, shop, product));
}
