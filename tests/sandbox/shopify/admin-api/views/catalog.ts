// Views of the catalog for the Admin schema: Product, ProductVariant, InventoryItem,
// InventoryLevel, Location and their images. Keys are schema field names; functions take the
// field's arguments. Fields absent here answer "Sandbox does not implement …".
import { derivedGid, inventoryLevelGid, numericIdOf } from "../../ids";
import type { InventoryLevelState, SandboxInventoryItem, SandboxLocation, SandboxProduct, SandboxVariant } from "../../state";
import { connection, firstOf, type ConnectionArgs } from "../connection";
import type { AdminContext } from "../context";
import { moneyScalar, moneyV2 } from "../money-fields";
import { NotImplementedError } from "../strict-resolver";

type Args = Record<string, unknown>;

export function productView(context: AdminContext, product: SandboxProduct) {
  const { state, shop } = context;
  const tracked = product.variants.filter((variant) => variant.inventoryItem.tracked);
  const image = imageView(product.imageUrl, product.title, derivedGid("ProductImage", numericIdOf(product.id)));
  return {
    __typename: "Product",
    id: product.id,
    legacyResourceId: numericIdOf(product.id),
    handle: product.handle,
    title: product.title,
    descriptionHtml: product.descriptionHtml,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags ?? [],
    createdAt: product.createdAt ?? product.updatedAt,
    updatedAt: product.updatedAt,
    totalInventory: tracked.reduce((sum, variant) => sum + state.totalQuantity(variant), 0),
    tracksInventory: tracked.length > 0,
    hasOnlyDefaultVariant: product.variants.length === 1 && product.options.length === 1 && product.options[0]?.name === "Title",
    onlineStoreUrl: product.status === "ACTIVE" ? `${shop.primaryDomainUrl.replace(/\/+$/, "")}/products/${product.handle}` : null,
    featuredImage: image,
    featuredMedia: mediaImageView(product, image),
    media: (args: Args) => connection([product], connectionArgs(args), (item) => mediaId(item), (item) => mediaImageView(item, image)),
    images: (args: Args) => connection([product], connectionArgs(args), (item) => derivedGid("ProductImage", numericIdOf(item.id)), () => image),
    options: (args: Args) =>
      firstOf(product.options, args.first).map((option, index) => ({
        __typename: "ProductOption",
        id: derivedGid("ProductOption", `${numericIdOf(product.id)}${index}`),
        name: option.name,
        position: index + 1,
        values: option.values,
      })),
    variants: (args: Args) => {
      if (args.sortKey !== undefined && args.sortKey !== null && args.sortKey !== "POSITION" && args.sortKey !== "ID") {
        throw new NotImplementedError(`Product.variants(sortKey: ${String(args.sortKey)})`);
      }
      return connection(product.variants, connectionArgs(args), (variant) => variant.id, (variant) => variantView(context, variant));
    },
    variantsCount: { count: product.variants.length, precision: "EXACT" },
  };
}

export function variantView(context: AdminContext, variant: SandboxVariant) {
  const { state, shop } = context;
  const product = () => state.findProduct(shop.domain, variant.productId);
  const online = state.availableQuantity(shop.domain, variant);
  const sellable = product()?.status === "ACTIVE" && (online === null || online > 0);
  return {
    __typename: "ProductVariant",
    id: variant.id,
    legacyResourceId: numericIdOf(variant.id),
    title: variant.title,
    displayName: `${product()?.title ?? ""} - ${variant.title}`,
    sku: variant.sku,
    price: moneyScalar(variant.price, shop.currencyCode),
    compareAtPrice: variant.compareAtPrice === null ? null : moneyScalar(variant.compareAtPrice, shop.currencyCode),
    availableForSale: sellable,
    contextualPricing: (args: Args) => contextualPricingView(context, variant, args.context as PricingContext),
    inventoryQuantity: state.totalQuantity(variant),
    inventoryPolicy: "DENY",
    position: (product()?.variants.indexOf(variant) ?? 0) + 1,
    taxable: true,
    selectedOptions: variant.selectedOptions.map((option) => ({ name: option.name, value: option.value })),
    image: () => (variant.imageUrl ? imageView(variant.imageUrl, variant.title, derivedGid("ProductImage", numericIdOf(variant.id))) : null),
    product: () => {
      const found = product();
      if (!found) throw new Error(`Variant ${variant.id} has no product`);
      return productView(context, found);
    },
    inventoryItem: () => inventoryItemView(context, variant.inventoryItem, variant),
    createdAt: product()?.createdAt ?? variant.inventoryItem.updatedAt,
    updatedAt: product()?.updatedAt ?? variant.inventoryItem.updatedAt,
  };
}

interface PricingContext {
  country?: string | null;
  companyLocationId?: string | null;
  locationId?: string | null;
}

/** The prices of the market the country belongs to (the primary market's outside every market). */
function contextualPricingView(context: AdminContext, variant: SandboxVariant, pricing: PricingContext) {
  if (pricing.companyLocationId || pricing.locationId) throw new NotImplementedError("ProductVariant.contextualPricing for a company location or a location");
  const { price, compareAtPrice } = context.state.contextualPrices(context.shop.domain, variant, pricing.country ?? null);
  return {
    __typename: "ProductVariantContextualPricing",
    price: moneyV2(price.amount, price.currencyCode),
    compareAtPrice: compareAtPrice === null ? null : moneyV2(compareAtPrice.amount, compareAtPrice.currencyCode),
  };
}

export function inventoryItemView(context: AdminContext, item: SandboxInventoryItem, variant?: SandboxVariant) {
  const owner = variant ?? context.state.findInventoryItem(context.shop.domain, item.id)?.variant;
  return {
    __typename: "InventoryItem",
    id: item.id,
    legacyResourceId: numericIdOf(item.id),
    tracked: item.tracked,
    sku: owner?.sku ?? null,
    requiresShipping: true,
    updatedAt: item.updatedAt,
    variant: () => (owner ? variantView(context, owner) : null),
    inventoryLevels: (args: Args) => {
      if (args.query) throw new NotImplementedError("InventoryItem.inventoryLevels(query:)");
      return connection(item.levels, connectionArgs(args), (level) => inventoryLevelGid(level.id, item.id), (level) => inventoryLevelView(context, item, level));
    },
    inventoryLevel: (args: Args) => {
      const level = item.levels.find((candidate) => candidate.locationId === String(args.locationId) || numericIdOf(candidate.locationId) === safeNumeric(args.locationId));
      return level ? inventoryLevelView(context, item, level) : null;
    },
    locationsCount: { count: item.levels.length, precision: "EXACT" },
  };
}

/** The quantity names the sandbox keeps: it has no committed, reserved or incoming stock, so on_hand equals available. */
const QUANTITY_NAMES = new Set(["available", "on_hand"]);

export function inventoryLevelView(context: AdminContext, item: SandboxInventoryItem, level: InventoryLevelState) {
  const id = inventoryLevelGid(level.id, item.id);
  return {
    __typename: "InventoryLevel",
    id,
    isActive: true,
    updatedAt: level.updatedAt,
    location: () => {
      const location = context.state.findLocation(context.shop.domain, level.locationId);
      if (!location) throw new Error(`Level ${id} names an unknown location`);
      return locationView(location);
    },
    item: () => inventoryItemView(context, item),
    quantities: (args: Args) =>
      (args.names as string[]).map((name) => {
        if (!QUANTITY_NAMES.has(name)) throw new NotImplementedError(`InventoryLevel.quantities(names: "${name}")`);
        return {
          __typename: "InventoryQuantity",
          id: `gid://shopify/InventoryQuantity/${numericIdOf(level.id)}?inventory_item_id=${numericIdOf(item.id)}&name=${name}`,
          name,
          quantity: level.available,
          updatedAt: level.updatedAt,
        };
      }),
  };
}

export function locationView(location: SandboxLocation) {
  return {
    __typename: "Location",
    id: location.id,
    legacyResourceId: numericIdOf(location.id),
    name: location.name,
    isActive: location.isActive,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
  };
}

export function imageView(url: string, altText: string, id: string) {
  return { __typename: "Image", id, url: () => url, altText };
}

function mediaId(product: SandboxProduct): string {
  return derivedGid("MediaImage", numericIdOf(product.id));
}

function mediaImageView(product: SandboxProduct, image: ReturnType<typeof imageView>) {
  return {
    __typename: "MediaImage",
    id: mediaId(product),
    alt: product.title,
    mediaContentType: "IMAGE",
    status: "READY",
    image,
    preview: { image, status: "READY" },
  };
}

export function connectionArgs(args: Args): ConnectionArgs {
  return {
    first: args.first as number | null | undefined,
    last: args.last as number | null | undefined,
    after: args.after as string | null | undefined,
    before: args.before as string | null | undefined,
    reverse: args.reverse as boolean | null | undefined,
  };
}

function safeNumeric(id: unknown): string | undefined {
  try {
    return numericIdOf(String(id));
  } catch {
    return undefined;
  }
}
