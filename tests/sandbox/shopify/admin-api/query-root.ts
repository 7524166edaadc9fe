// QueryRoot: the reads the app makes, over the shop the access token belongs to.
import { GraphQLError } from "graphql";
import { kindOf, numericIdOf } from "../ids";
import type { SandboxProduct, SandboxVariant } from "../state";
import { requireScope } from "./access";
import { connection } from "./connection";
import type { AdminContext } from "./context";
import { productSearch } from "./product-search";
import { NotImplementedError } from "./strict-resolver";
import { connectionArgs, inventoryItemView, inventoryLevelView, locationView, productView, variantView } from "./views/catalog";
import { appInstallationView, appSubscriptionView } from "./views/billing";
import { discountNodeView } from "./views/discounts";
import { orderView } from "./views/orders";
import { shopView } from "./views/shop";

type Args = Record<string, unknown>;

/** A malformed id answers as Shopify's coercion does. */
export function assertGid(id: unknown): string {
  const text = String(id);
  if (!/^gid:\/\/shopify\/\w+\/\d+/.test(text)) {
    throw new GraphQLError(`Invalid global id '${text}'`, { extensions: { code: "argumentLiteralsIncompatible", typeName: "CoercionError" } });
  }
  return text;
}

function ofKind(id: unknown, kind: string): string | undefined {
  const gid = assertGid(id);
  return kindOf(gid) === kind ? gid : undefined;
}

export function queryRoot() {
  return {
    shop: (_args: Args, context: AdminContext) => shopView(context),

    currentAppInstallation: (_args: Args, context: AdminContext) => appInstallationView(context),

    product: ({ id }: Args, context: AdminContext) => {
      requireScope(context, "read_products", "product");
      const gid = ofKind(id, "Product");
      const product = gid && context.state.findProduct(context.shop.domain, gid);
      return product ? productView(context, product) : null;
    },

    productByHandle: ({ handle }: Args, context: AdminContext) => {
      requireScope(context, "read_products", "productByHandle");
      const product = context.state.findProductByHandle(context.shop.domain, String(handle));
      return product ? productView(context, product) : null;
    },

    products: (args: Args, context: AdminContext) => {
      requireScope(context, "read_products", "products");
      if (args.savedSearchId) throw new NotImplementedError("products(savedSearchId:)");
      const matches = context.shop.products.filter(productSearch(args.query as string | undefined));
      return connection(sortProducts(matches, args.sortKey), connectionArgs(args), (product) => product.id, (product) => productView(context, product));
    },

    productVariant: ({ id }: Args, context: AdminContext) => {
      requireScope(context, "read_products", "productVariant");
      const gid = ofKind(id, "ProductVariant");
      const variant = gid && context.state.findVariant(context.shop.domain, gid);
      return variant ? variantView(context, variant) : null;
    },

    productVariants: (args: Args, context: AdminContext) => {
      requireScope(context, "read_products", "productVariants");
      if (args.query) throw new NotImplementedError("productVariants(query:)");
      if (args.sortKey !== undefined && args.sortKey !== null && args.sortKey !== "ID") throw new NotImplementedError(`productVariants(sortKey: ${String(args.sortKey)})`);
      const variants: SandboxVariant[] = context.shop.products.flatMap((product) => product.variants);
      variants.sort((a, b) => compareIds(a.id, b.id));
      return connection(variants, connectionArgs(args), (variant) => variant.id, (variant) => variantView(context, variant));
    },

    inventoryItem: ({ id }: Args, context: AdminContext) => {
      requireScope(context, "read_inventory", "inventoryItem");
      const gid = ofKind(id, "InventoryItem");
      const found = gid && context.state.findInventoryItem(context.shop.domain, gid);
      return found ? inventoryItemView(context, found.item, found.variant) : null;
    },

    location: ({ id }: Args, context: AdminContext) => {
      requireScope(context, "read_locations", "location");
      if (id === undefined || id === null) {
        const primary = context.shop.locations[0];
        return primary ? locationView(primary) : null;
      }
      const gid = ofKind(id, "Location");
      const location = gid && context.state.findLocation(context.shop.domain, gid);
      return location ? locationView(location) : null;
    },

    locations: (args: Args, context: AdminContext) => {
      requireScope(context, "read_locations", "locations");
      if (args.query) throw new NotImplementedError("locations(query:)");
      const locations = context.shop.locations.filter((location) => args.includeInactive === true || location.isActive);
      return connection(locations, connectionArgs(args), (location) => location.id, locationView);
    },

    order: ({ id }: Args, context: AdminContext) => {
      requireScope(context, "read_orders", "order");
      const gid = ofKind(id, "Order");
      const order = gid && context.state.findOrder(context.shop.domain, gid);
      return order ? orderView(context, order) : null;
    },

    codeDiscountNode: ({ id }: Args, context: AdminContext) => {
      requireScope(context, "read_discounts", "codeDiscountNode");
      const gid = ofKind(id, "DiscountCodeNode");
      const discount = gid && context.state.findDiscount(context.shop.domain, gid);
      return discount ? discountNodeView(context, discount) : null;
    },

    node: ({ id }: Args, context: AdminContext) => resolveNode(context, id),
    nodes: async ({ ids }: Args, context: AdminContext) => {
      await context.state.holds.pass("nodes", context.shop.domain);
      return (ids as unknown[]).map((id) => resolveNode(context, id));
    },

    // Subscriptions declared in shopify.app.toml are app-specific: Shopify does not list them
    // here (only ones made through the API, which the sandbox does not support), so this is empty.
    webhookSubscriptions: (args: Args) => connection([], connectionArgs(args), () => "", () => ({})),
  };
}

function resolveNode(context: AdminContext, id: unknown): object | null {
  const gid = assertGid(id);
  const { state, shop } = context;
  switch (kindOf(gid)) {
    case "Product": {
      requireScope(context, "read_products", "nodes");
      const product = state.findProduct(shop.domain, gid);
      return product ? productView(context, product) : null;
    }
    case "ProductVariant": {
      requireScope(context, "read_products", "nodes");
      const variant = state.findVariant(shop.domain, gid);
      return variant ? variantView(context, variant) : null;
    }
    case "InventoryItem": {
      requireScope(context, "read_inventory", "nodes");
      const found = state.findInventoryItem(shop.domain, gid);
      return found ? inventoryItemView(context, found.item, found.variant) : null;
    }
    case "InventoryLevel": {
      requireScope(context, "read_inventory", "nodes");
      const itemId = /inventory_item_id=(\d+)/.exec(gid)?.[1];
      const found = itemId ? state.findInventoryItem(shop.domain, itemId) : undefined;
      const level = found?.item.levels.find((candidate) => numericIdOf(candidate.id) === numericIdOf(gid));
      return found && level ? inventoryLevelView(context, found.item, level) : null;
    }
    case "Location": {
      requireScope(context, "read_locations", "nodes");
      const location = state.findLocation(shop.domain, gid);
      return location ? locationView(location) : null;
    }
    case "Order": {
      requireScope(context, "read_orders", "nodes");
      const order = state.findOrder(shop.domain, gid);
      return order ? orderView(context, order) : null;
    }
    case "DiscountCodeNode": {
      requireScope(context, "read_discounts", "nodes");
      const discount = state.findDiscount(shop.domain, gid);
      return discount ? discountNodeView(context, discount) : null;
    }
    case "AppSubscription": {
      const subscription = state.billing.find(shop.domain, gid);
      return subscription ? appSubscriptionView(context, subscription) : null;
    }
    default:
      throw new NotImplementedError(`nodes of type ${kindOf(gid)}`);
  }
}

function compareIds(a: string, b: string): number {
  const x = BigInt(numericIdOf(a));
  const y = BigInt(numericIdOf(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortProducts(products: SandboxProduct[], sortKey: unknown): SandboxProduct[] {
  const sorted = [...products];
  switch (sortKey ?? "ID") {
    case "ID":
    case "RELEVANCE":
      return sorted.sort((a, b) => compareIds(a.id, b.id));
    case "TITLE":
      return sorted.sort((a, b) => a.title.localeCompare(b.title) || compareIds(a.id, b.id));
    case "UPDATED_AT":
      return sorted.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || compareIds(a.id, b.id));
    case "CREATED_AT":
      return sorted.sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || compareIds(a.id, b.id));
    default:
      throw new NotImplementedError(`products(sortKey: ${String(sortKey)})`);
  }
}
