// The Shopify emulator's in-memory store: shops, their catalog, stock per location, orders,
// refunds and discounts. Every mutation that Shopify would announce with a webhook emits one
// SandboxChange (one kind per topic); webhooks.ts turns those into signed deliveries.
// Money is integer minor units; ids are gid strings (see ids.ts for the unsafe-integer ones).
import { SandboxBilling, type AppPlanInput } from "./billing";
import { SandboxHolds } from "./holds";
import { IdSequence, gid, numericIdOf, sameId } from "./ids";
import { priceCart, type DiscountApplication, type PricedLine } from "./checkout-pricing";
import { convertToShop, priceInMarket, type MarketPrice, type SandboxMarket } from "./markets";

export interface SandboxLocation {
  id: string; // gid://shopify/Location/N
  name: string;
  fulfillsOnlineOrders: boolean;
  isActive: boolean;
}
export interface InventoryLevelState {
  /** gid://shopify/InventoryLevel/N: the level's own id, as in Shopify, not its location's. */
  id: string;
  locationId: string;
  available: number;
  updatedAt: string; // ISO
}
export interface SandboxInventoryItem {
  id: string;
  tracked: boolean;
  levels: InventoryLevelState[];
  updatedAt: string;
}
export interface SandboxVariant {
  id: string;
  title: string;
  sku: string;
  price: number; // minor units
  compareAtPrice: number | null;
  selectedOptions: { name: string; value: string }[];
  imageUrl: string | null;
  inventoryItem: SandboxInventoryItem;
  productId: string;
}
export interface SandboxProduct {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  imageUrl: string;
  options: { name: string; values: string[] }[];
  variants: SandboxVariant[];
  updatedAt: string;
  createdAt?: string;
  tags?: string[];
}
export interface SandboxCustomer {
  id: string;
  email: string;
  phone?: string | null;
  firstName?: string;
  lastName?: string;
}
export interface SandboxOrderLine {
  id: string;
  variantId: string;
  productId: string;
  title: string;
  quantity: number;
  price: number; // unit price, minor units of the shop's currency
  discount: number; // whole line's discount, minor units of the shop's currency
  /** The same two amounts as the buyer paid them, in the order's presentment currency. */
  presentment: { price: number; discount: number };
  properties: { name: string; value: string }[];
  /** Variant title and sku at purchase time (REST line items carry them). */
  variantTitle?: string;
  sku?: string;
}
export interface SandboxRefund {
  id: string;
  createdAt: string;
  lines: { lineId: string; quantity: number; subtotal: number; id?: string }[];
}
export interface SandboxOrder {
  id: string;
  name: string;
  createdAt: string;
  /** The shop's currency: subtotal, total and the lines' price and discount are in it (shop_money). */
  currencyCode: string;
  /** What the buyer was charged, in their market's currency (presentment_money). */
  presentment: { currencyCode: string; subtotal: number; total: number };
  lines: SandboxOrderLine[];
  attributes: { key: string; value: string }[];
  discountCodes: string[];
  /** How each code applied, in presentment money; line discounts are its allocations. */
  discountApplications: DiscountApplication[];
  subtotal: number;
  total: number;
  refunds: SandboxRefund[];
  customer?: SandboxCustomer | null;
}
/** percentage is a fraction as in Shopify's API (0.2 = 20 % off); amount is minor units. */
export type SandboxDiscountValue = { percentage: number } | { amount: number; appliesOnEachItem?: boolean };
export interface SandboxDiscount {
  id: string;
  code: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  /** Status when last written; use SandboxState.discountStatus() for the status at the current time. */
  status: "ACTIVE" | "EXPIRED" | "SCHEDULED";
  value: SandboxDiscountValue;
  productIds: string[];
  variantIds: string[];
  createdAt?: string;
  updatedAt?: string;
}
export interface SandboxShop {
  domain: string;
  name: string;
  currencyCode: string;
  moneyFormat: string;
  moneyWithCurrencyFormat: string;
  ianaTimezone: string;
  /** Where the shop is: its primary market sells to this country in the shop's currency. */
  countryCode: string;
  primaryDomainUrl: string;
  locations: SandboxLocation[];
  /** The primary market first. */
  markets: SandboxMarket[];
  products: SandboxProduct[];
  orders: SandboxOrder[];
  discounts: SandboxDiscount[];
  installed: boolean;
  /** gid://shopify/Shop/N (shop/redact carries the numeric part). */
  id: string;
  email: string;
}

/** One change per webhook topic; payloads are snapshots taken when the change happened. */
export type SandboxChange = { shop: string; at: string } & (
  | { topic: "inventory_levels/update"; levelId: string; inventoryItemId: string; locationId: string; available: number; updatedAt: string }
  | { topic: "inventory_items/update"; inventoryItem: SandboxInventoryItem; variant: SandboxVariant }
  | { topic: "products/update"; product: SandboxProduct }
  | { topic: "products/delete"; productId: string }
  | { topic: "orders/paid"; order: SandboxOrder }
  | { topic: "refunds/create"; order: SandboxOrder; refund: SandboxRefund }
  | { topic: "app/uninstalled"; shopSnapshot: Omit<SandboxShop, "products" | "orders" | "discounts"> }
  | { topic: "customers/redact"; customer: SandboxCustomer; ordersToRedact: string[] }
  | { topic: "customers/data_request"; customer: SandboxCustomer; ordersRequested: string[]; dataRequestId: string }
  | { topic: "shop/redact"; shopId: string }
);
export type SandboxTopic = SandboxChange["topic"];
export type ChangeOf<T extends SandboxTopic> = Extract<SandboxChange, { topic: T }>;

/** What addProduct needs: options by name, variants by option values and stock per location. */
export interface ProductInput {
  handle: string;
  title: string;
  descriptionHtml?: string;
  vendor?: string;
  productType?: string;
  status?: SandboxProduct["status"];
  imageUrl: string;
  tags?: string[];
  options: { name: string; values: string[] }[];
  variants: {
    optionValues: string[];
    sku: string;
    price: number;
    compareAtPrice?: number | null;
    imageUrl?: string | null;
    /** Stock per location id; null means the item does not track inventory. */
    stock: Record<string, number> | null;
  }[];
}

export interface PaidOrderInput {
  lines: { variantId: string; quantity: number; properties?: { name: string; value: string }[] }[];
  attributes?: { key: string; value: string }[];
  discountCode?: string;
  customer?: SandboxCustomer | null;
  /** The buyer's country: the market whose currency the order is charged in (the shop's own without one). */
  country?: string | null;
}

/** What addMarket needs: a market priced by converting the shop's prices. */
export type MarketInput = Pick<SandboxMarket, "name" | "countries" | "currencyCode" | "exchangeRate" | "roundUpToEnding">;

export class SandboxError extends Error {
  constructor(
    message: string,
    readonly code: "NOT_FOUND" | "INVALID" | "OVERSOLD" = "INVALID",
  ) {
    super(message);
    this.name = "SandboxError";
  }
}

type Listener = (change: SandboxChange) => void;

export class SandboxState {
  readonly ids: IdSequence;
  /** The app's subscriptions and usage charges per shop (Shopify's Billing API). */
  readonly billing: SandboxBilling;
  /** Admin API calls a test has asked to hold mid-flight (see holds.ts). */
  readonly holds = new SandboxHolds();
  private readonly acceptedPlan: AppPlanInput | null;
  private readonly shops = new Map<string, SandboxShop>();
  private readonly listeners = new Set<Listener>();
  private readonly orderNumbers = new Map<string, number>();
  private readonly clock: () => Date;
  private lastStamp = 0;

  /**
   * `acceptedPlan`: every shop created gets this subscription already approved, as a merchant
   * who accepted the app's plan when installing it (createShop can opt a shop out).
   */
  constructor({ now = () => new Date(), ids = new IdSequence(), acceptedPlan = null }: { now?: () => Date; ids?: IdSequence; acceptedPlan?: AppPlanInput | null } = {}) {
    this.clock = now;
    this.ids = ids;
    this.acceptedPlan = acceptedPlan;
    this.billing = new SandboxBilling(ids, () => this.stamp(), () => this.clock());
  }

  /**
   * The current time as ISO, strictly later than every stamp given before: the app orders
   * stock updates by updated_at, so two writes in one millisecond must still be ordered.
   */
  stamp(): string {
    const ms = Math.max(this.clock().getTime(), this.lastStamp + 1);
    this.lastStamp = ms;
    return new Date(ms).toISOString();
  }

  now(): Date {
    return this.clock();
  }

  // ---------------------------------------------------------------- shops

  /** `acceptedPlan: null` creates a shop whose merchant has not accepted any plan yet. */
  createShop(init: Partial<SandboxShop> & { domain: string }, { acceptedPlan = this.acceptedPlan }: { acceptedPlan?: AppPlanInput | null } = {}): SandboxShop {
    const domain = normaliseDomain(init.domain);
    if (this.shops.has(domain)) throw new SandboxError(`Sandbox shop ${domain} already exists`);
    const handle = domain.replace(/\.myshopify\.com$/, "");
    const shop: SandboxShop = {
      name: titleCase(handle),
      currencyCode: "USD",
      moneyFormat: "${{amount}}",
      moneyWithCurrencyFormat: "${{amount}} USD",
      ianaTimezone: "UTC",
      countryCode: "US",
      primaryDomainUrl: `https://${domain}`,
      locations: [],
      markets: [],
      products: [],
      orders: [],
      discounts: [],
      installed: true,
      id: this.ids.take("Shop"),
      email: `owner@${domain}`,
      ...init,
      domain,
    };
    if (shop.locations.length === 0) shop.locations.push(this.newLocation("Shop location", true));
    if (shop.markets.length === 0) {
      shop.markets.push({
        id: this.ids.take("Market"),
        name: shop.name,
        handle: shop.countryCode.toLowerCase(),
        primary: true,
        countries: [shop.countryCode],
        currencyCode: shop.currencyCode,
        exchangeRate: 1,
        roundUpToEnding: null,
      });
    }
    this.shops.set(domain, shop);
    if (acceptedPlan) this.billing.grant(domain, acceptedPlan);
    return shop;
  }

  getShop(domain: string): SandboxShop {
    const shop = this.shops.get(normaliseDomain(domain));
    if (!shop) throw new SandboxError(`Unknown sandbox shop "${domain}" (known: ${[...this.shops.keys()].join(", ") || "none"})`, "NOT_FOUND");
    return shop;
  }

  hasShop(domain: string): boolean {
    return this.shops.has(normaliseDomain(domain));
  }

  listShops(): SandboxShop[] {
    return [...this.shops.values()];
  }

  newLocation(name: string, fulfillsOnlineOrders: boolean): SandboxLocation {
    return { id: this.ids.take("Location"), name, fulfillsOnlineOrders, isActive: true };
  }

  addLocation(shop: string, name: string, fulfillsOnlineOrders: boolean): SandboxLocation {
    const location = this.newLocation(name, fulfillsOnlineOrders);
    this.getShop(shop).locations.push(location);
    return location;
  }

  findLocation(shop: string, locationId: string): SandboxLocation | undefined {
    return this.getShop(shop).locations.find((location) => sameId(location.id, locationId));
  }

  /** Marks the app installed (the token exchange does this: opening an app installs it). */
  install(shop: string): void {
    this.getShop(shop).installed = true;
  }

  uninstall(shop: string): void {
    const current = this.getShop(shop);
    current.installed = false;
    this.billing.cancelAll(current.domain);
    const { products: _products, orders: _orders, discounts: _discounts, ...rest } = current;
    this.emit({ topic: "app/uninstalled", shop: current.domain, shopSnapshot: structuredClone(rest) });
  }

  // ---------------------------------------------------------------- markets

  addMarket(shop: string, input: MarketInput): SandboxMarket {
    const current = this.getShop(shop);
    const countries = input.countries.map((country) => country.toUpperCase());
    for (const country of countries) {
      const taken = current.markets.find((market) => market.countries.includes(country));
      if (taken) throw new SandboxError(`${country} already belongs to the market ${taken.name} of ${shop}`);
    }
    if (!(input.exchangeRate > 0)) throw new SandboxError(`An exchange rate is positive (got ${input.exchangeRate})`);
    const handle = input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    const market: SandboxMarket = { ...input, countries, id: this.ids.take("Market"), handle, primary: false };
    current.markets.push(market);
    return market;
  }

  /** The market a buyer in `country` shops in; without a country, or outside every market, the primary one. */
  marketFor(shop: string, country: string | null): SandboxMarket {
    const { markets } = this.getShop(shop);
    const wanted = country?.toUpperCase();
    return markets.find((market) => wanted !== undefined && market.countries.includes(wanted)) ?? (markets[0] as SandboxMarket);
  }

  /** A variant's price and compare-at price as a buyer in `country` is charged. */
  contextualPrices(shop: string, variant: SandboxVariant, country: string | null): { price: MarketPrice; compareAtPrice: MarketPrice | null } {
    const market = this.marketFor(shop, country);
    const currency = this.getShop(shop).currencyCode;
    return {
      price: priceInMarket(variant.price, currency, market),
      compareAtPrice: variant.compareAtPrice === null ? null : priceInMarket(variant.compareAtPrice, currency, market),
    };
  }

  // ---------------------------------------------------------------- catalog

  addProduct(shop: string, input: ProductInput): SandboxProduct {
    const current = this.getShop(shop);
    if (this.findProductByHandle(shop, input.handle)) throw new SandboxError(`Handle ${input.handle} is taken in ${shop}`);
    const at = this.stamp();
    const productId = this.ids.take("Product");
    const variants = input.variants.map((variant): SandboxVariant => {
      if (variant.optionValues.length !== input.options.length) {
        throw new SandboxError(`Variant ${variant.sku} of ${input.handle} needs one value per option`);
      }
      const levels = Object.entries(variant.stock ?? {}).map(([locationId, available]) => {
        if (!current.locations.some((location) => location.id === locationId)) {
          throw new SandboxError(`Variant ${variant.sku}: unknown location ${locationId}`);
        }
        return { id: this.ids.take("InventoryLevel"), locationId, available, updatedAt: at };
      });
      return {
        id: this.ids.take("ProductVariant"),
        title: variant.optionValues.join(" / "),
        sku: variant.sku,
        price: variant.price,
        compareAtPrice: variant.compareAtPrice ?? null,
        selectedOptions: input.options.map((option, i) => ({ name: option.name, value: variant.optionValues[i] ?? "" })),
        imageUrl: variant.imageUrl ?? null,
        inventoryItem: { id: this.ids.take("InventoryItem"), tracked: variant.stock !== null, levels, updatedAt: at },
        productId,
      };
    });
    const product: SandboxProduct = {
      id: productId,
      handle: input.handle,
      title: input.title,
      descriptionHtml: input.descriptionHtml ?? "",
      vendor: input.vendor ?? current.name,
      productType: input.productType ?? "",
      status: input.status ?? "ACTIVE",
      imageUrl: input.imageUrl,
      options: input.options.map((option) => ({ name: option.name, values: [...option.values] })),
      variants,
      updatedAt: at,
      createdAt: at,
      tags: input.tags ?? [],
    };
    current.products.push(product);
    return product;
  }

  findProduct(shop: string, productId: string): SandboxProduct | undefined {
    return this.getShop(shop).products.find((product) => sameId(product.id, productId));
  }

  findProductByHandle(shop: string, handle: string): SandboxProduct | undefined {
    return this.getShop(shop).products.find((product) => product.handle === handle);
  }

  /** Accepts a variant gid or its numeric legacy id as a string. */
  findVariant(shop: string, variantId: string): SandboxVariant | undefined {
    for (const product of this.getShop(shop).products) {
      const variant = product.variants.find((candidate) => sameId(candidate.id, variantId));
      if (variant) return variant;
    }
    return undefined;
  }

  findInventoryItem(shop: string, inventoryItemId: string): { item: SandboxInventoryItem; variant: SandboxVariant } | undefined {
    for (const product of this.getShop(shop).products) {
      for (const variant of product.variants) {
        if (sameId(variant.inventoryItem.id, inventoryItemId)) return { item: variant.inventoryItem, variant };
      }
    }
    return undefined;
  }

  updateProduct(shop: string, productId: string, patch: Partial<Pick<SandboxProduct, "title" | "descriptionHtml" | "status">>): void {
    const product = this.requireProduct(shop, productId);
    if (patch.title !== undefined) product.title = patch.title;
    if (patch.descriptionHtml !== undefined) product.descriptionHtml = patch.descriptionHtml;
    if (patch.status !== undefined) product.status = patch.status;
    product.updatedAt = this.stamp();
    this.emit({ topic: "products/update", shop: normaliseDomain(shop), product: structuredClone(product) });
  }

  deleteProduct(shop: string, productId: string): void {
    const current = this.getShop(shop);
    const product = this.requireProduct(shop, productId);
    current.products = current.products.filter((candidate) => candidate !== product);
    this.emit({ topic: "products/delete", shop: current.domain, productId: product.id });
  }

  // ---------------------------------------------------------------- inventory

  /** Sum over active locations that fulfil online orders; null when the item is not tracked. */
  availableQuantity(shop: string, variant: SandboxVariant): number | null {
    if (!variant.inventoryItem.tracked) return null;
    const online = new Set(this.onlineLocations(shop).map((location) => location.id));
    return variant.inventoryItem.levels.filter((level) => online.has(level.locationId)).reduce((sum, level) => sum + level.available, 0);
  }

  /** Sum over every location, as Admin's inventoryQuantity / totalInventory report it. */
  totalQuantity(variant: SandboxVariant): number {
    return variant.inventoryItem.levels.reduce((sum, level) => sum + level.available, 0);
  }

  onlineLocations(shop: string): SandboxLocation[] {
    return this.getShop(shop).locations.filter((location) => location.isActive && location.fulfillsOnlineOrders);
  }

  setAvailable(shop: string, inventoryItemId: string, locationId: string, available: number): void {
    const level = this.levelFor(shop, inventoryItemId, locationId);
    this.writeLevel(shop, inventoryItemId, level, available);
  }

  adjustAvailable(shop: string, inventoryItemId: string, locationId: string, delta: number): void {
    const level = this.levelFor(shop, inventoryItemId, locationId);
    this.writeLevel(shop, inventoryItemId, level, level.available + delta);
  }

  /** Turns inventory tracking on or off (inventory_items/update). */
  setTracked(shop: string, inventoryItemId: string, tracked: boolean): void {
    const found = this.findInventoryItem(shop, inventoryItemId);
    if (!found) throw new SandboxError(`Unknown inventory item ${inventoryItemId} in ${shop}`, "NOT_FOUND");
    found.item.tracked = tracked;
    found.item.updatedAt = this.stamp();
    this.emit({
      topic: "inventory_items/update",
      shop: normaliseDomain(shop),
      inventoryItem: structuredClone(found.item),
      variant: structuredClone(found.variant),
    });
  }

  // ---------------------------------------------------------------- discounts

  createDiscount(
    shop: string,
    input: Omit<SandboxDiscount, "id" | "status" | "createdAt" | "updatedAt">,
  ): SandboxDiscount {
    const current = this.getShop(shop);
    if (this.findDiscountByCode(shop, input.code)) throw new SandboxError(`Code ${input.code} is already used in ${shop}`);
    if ("percentage" in input.value && !(input.value.percentage >= 0 && input.value.percentage <= 1)) {
      throw new SandboxError(`A percentage is a fraction between 0 and 1 (got ${input.value.percentage})`);
    }
    if ("amount" in input.value && !(Number.isInteger(input.value.amount) && input.value.amount >= 0)) {
      throw new SandboxError(`An amount is a non-negative integer of minor units (got ${input.value.amount})`);
    }
    const at = this.stamp();
    const discount: SandboxDiscount = { ...input, id: this.ids.take("DiscountCodeNode"), status: "ACTIVE", createdAt: at, updatedAt: at };
    discount.status = this.discountStatus(discount);
    current.discounts.push(discount);
    return discount;
  }

  findDiscount(shop: string, discountId: string): SandboxDiscount | undefined {
    return this.getShop(shop).discounts.find((discount) => sameId(discount.id, discountId));
  }

  findDiscountByCode(shop: string, code: string): SandboxDiscount | undefined {
    const wanted = code.trim().toLowerCase();
    return this.getShop(shop).discounts.find((discount) => discount.code.toLowerCase() === wanted);
  }

  /** The code's discount when a checkout may use it now (it exists, has started and has not ended). */
  activeDiscountByCode(shop: string, code: string): SandboxDiscount | undefined {
    const discount = this.findDiscountByCode(shop, code);
    return discount && this.discountStatus(discount) === "ACTIVE" ? discount : undefined;
  }

  /** Ends the discount now, as discountCodeDeactivate does. */
  deactivateDiscount(shop: string, discountId: string): SandboxDiscount {
    const discount = this.findDiscount(shop, discountId);
    if (!discount) throw new SandboxError(`Unknown discount ${discountId} in ${shop}`, "NOT_FOUND");
    const at = this.stamp();
    discount.endsAt = at;
    discount.updatedAt = at;
    discount.status = "EXPIRED";
    return discount;
  }

  /** Status at the current time (Shopify derives it from startsAt/endsAt). */
  discountStatus(discount: SandboxDiscount, at: Date = this.clock()): SandboxDiscount["status"] {
    // An end already passed wins over a future start: deactivating a scheduled discount ends it
    // before it began, and Shopify then reports it EXPIRED.
    if (discount.endsAt !== null && Date.parse(discount.endsAt) <= at.getTime()) return "EXPIRED";
    if (Date.parse(discount.startsAt) > at.getTime()) return "SCHEDULED";
    return "ACTIVE";
  }

  // ---------------------------------------------------------------- orders

  /**
   * A checkout that has been paid: validates every line first (unknown variants, inactive
   * products, overselling tracked stock all throw and change nothing), then takes stock from
   * online locations, then records the order. Emits inventory_levels/update per level touched,
   * then orders/paid.
   */
  createPaidOrder(shop: string, input: PaidOrderInput): SandboxOrder {
    const current = this.getShop(shop);
    if (input.lines.length === 0) throw new SandboxError("An order needs at least one line");
    const resolved = input.lines.map((line) => {
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new SandboxError(`Quantity must be a positive integer (got ${line.quantity})`);
      const variant = this.findVariant(shop, line.variantId);
      if (!variant) throw new SandboxError(`Unknown variant ${line.variantId} in ${shop}`, "NOT_FOUND");
      const product = this.requireProduct(shop, variant.productId);
      if (product.status !== "ACTIVE") throw new SandboxError(`${product.title} is not for sale (${product.status})`);
      return { line, variant, product };
    });
    this.assertStockFor(shop, resolved);
    const discount = input.discountCode ? this.usableDiscount(shop, input.discountCode) : undefined;
    const market = this.marketFor(shop, input.country ?? null);
    const priced = priceCart(current.currencyCode, market, resolved.map(({ line, variant }) => ({ variant, quantity: line.quantity })), discount);
    const toShop = (minor: number) => convertToShop(minor, current.currencyCode, market);

    const at = this.stamp();
    const lines: SandboxOrderLine[] = resolved.map(({ line, variant, product }, i) => {
      const { unitPrice, discount: lineDiscount } = priced.lines[i] as PricedLine;
      return {
        id: this.ids.take("LineItem"),
        variantId: variant.id,
        productId: product.id,
        title: product.title,
        variantTitle: variant.title,
        sku: variant.sku,
        quantity: line.quantity,
        price: toShop(unitPrice),
        discount: toShop(lineDiscount),
        presentment: { price: unitPrice, discount: lineDiscount },
        properties: (line.properties ?? []).map((property) => ({ ...property })),
      };
    });

    for (const { line, variant } of resolved) this.takeStock(shop, variant, line.quantity);

    const number = (this.orderNumbers.get(current.domain) ?? 1000) + 1;
    this.orderNumbers.set(current.domain, number);
    const subtotal = lines.reduce((sum, line) => sum + line.price * line.quantity - line.discount, 0);
    const order: SandboxOrder = {
      id: this.ids.take("Order"),
      name: `#${number}`,
      createdAt: at,
      currencyCode: current.currencyCode,
      presentment: { currencyCode: priced.currencyCode, subtotal: priced.total, total: priced.total },
      lines,
      attributes: (input.attributes ?? []).map((attribute) => ({ ...attribute })),
      // A code that reaches none of the lines is not applied, as Shopify's checkout leaves it off.
      discountCodes: priced.application ? [priced.application.code] : [],
      discountApplications: priced.application ? [priced.application] : [],
      subtotal,
      total: subtotal,
      refunds: [],
      customer: input.customer ?? null,
    };
    current.orders.push(order);
    this.emit({ topic: "orders/paid", shop: current.domain, order: structuredClone(order) });
    return order;
  }

  findOrder(shop: string, orderId: string): SandboxOrder | undefined {
    return this.getShop(shop).orders.find((order) => sameId(order.id, orderId));
  }

  /** Refunds whole units of lines (no restock); the refund subtotal is what the shopper paid for them. */
  refundOrder(shop: string, orderId: string, lines: { lineId: string; quantity: number }[]): SandboxRefund {
    const order = this.findOrder(shop, orderId);
    if (!order) throw new SandboxError(`Unknown order ${orderId} in ${shop}`, "NOT_FOUND");
    if (lines.length === 0) throw new SandboxError("A refund needs at least one line");
    const refundLines = lines.map(({ lineId, quantity }) => {
      const line = order.lines.find((candidate) => sameId(candidate.id, lineId));
      if (!line) throw new SandboxError(`Order ${order.name} has no line ${lineId}`, "NOT_FOUND");
      const refunded = order.refunds.flatMap((refund) => refund.lines).filter((r) => r.lineId === line.id).reduce((sum, r) => sum + r.quantity, 0);
      if (!Number.isInteger(quantity) || quantity <= 0 || refunded + quantity > line.quantity) {
        throw new SandboxError(`Cannot refund ${quantity} of line ${line.id}: ${line.quantity - refunded} left`);
      }
      const alreadyPaidBack = order.refunds.flatMap((refund) => refund.lines).filter((r) => r.lineId === line.id).reduce((sum, r) => sum + r.subtotal, 0);
      const subtotal = refunded + quantity === line.quantity ? paidFor(line, line.quantity) - alreadyPaidBack : paidFor(line, quantity);
      return { id: this.ids.take("RefundLineItem"), lineId: line.id, quantity, subtotal };
    });
    const refund: SandboxRefund = { id: this.ids.take("Refund"), createdAt: this.stamp(), lines: refundLines };
    order.refunds.push(refund);
    this.emit({ topic: "refunds/create", shop: normaliseDomain(shop), order: structuredClone(order), refund: structuredClone(refund) });
    return refund;
  }

  // ---------------------------------------------------------------- compliance

  requestCustomerRedact(shop: string, customer: SandboxCustomer): void {
    const ordersToRedact = this.ordersOf(shop, customer);
    this.emit({ topic: "customers/redact", shop: normaliseDomain(shop), customer: { ...customer }, ordersToRedact });
  }

  requestCustomerData(shop: string, customer: SandboxCustomer): void {
    const ordersRequested = this.ordersOf(shop, customer);
    const dataRequestId = this.ids.take("Customer").replace("/Customer/", "/DataRequest/");
    this.emit({ topic: "customers/data_request", shop: normaliseDomain(shop), customer: { ...customer }, ordersRequested, dataRequestId });
  }

  requestShopRedact(shop: string): void {
    this.emit({ topic: "shop/redact", shop: normaliseDomain(shop), shopId: this.getShop(shop).id });
  }

  // ---------------------------------------------------------------- events

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- internals

  private emit(change: DistributiveOmit<SandboxChange, "at"> & { at?: string }): void {
    // Never earlier than the newest updatedAt written, so triggered-at and updated_at agree.
    const at = change.at ?? new Date(Math.max(this.clock().getTime(), this.lastStamp)).toISOString();
    const full = { ...change, at } as SandboxChange;
    for (const listener of this.listeners) listener(full);
  }

  private requireProduct(shop: string, productId: string): SandboxProduct {
    const product = this.findProduct(shop, productId);
    if (!product) throw new SandboxError(`Unknown product ${productId} in ${shop}`, "NOT_FOUND");
    return product;
  }

  private levelFor(shop: string, inventoryItemId: string, locationId: string): InventoryLevelState {
    const found = this.findInventoryItem(shop, inventoryItemId);
    if (!found) throw new SandboxError(`Unknown inventory item ${inventoryItemId} in ${shop}`, "NOT_FOUND");
    const location = this.findLocation(shop, locationId);
    if (!location) throw new SandboxError(`Unknown location ${locationId} in ${shop}`, "NOT_FOUND");
    let level = found.item.levels.find((candidate) => candidate.locationId === location.id);
    if (!level) {
      // Shopify needs the item activated at the location first; the sandbox activates on first write.
      level = { id: this.ids.take("InventoryLevel"), locationId: location.id, available: 0, updatedAt: this.stamp() };
      found.item.levels.push(level);
    }
    return level;
  }

  private writeLevel(shop: string, inventoryItemId: string, level: InventoryLevelState, available: number): void {
    if (!Number.isInteger(available)) throw new SandboxError(`Available must be an integer (got ${available})`);
    const found = this.findInventoryItem(shop, inventoryItemId);
    level.available = available;
    level.updatedAt = this.stamp();
    if (found) found.item.updatedAt = level.updatedAt;
    this.emit({
      topic: "inventory_levels/update",
      shop: normaliseDomain(shop),
      levelId: level.id,
      inventoryItemId: found?.item.id ?? inventoryItemId,
      locationId: level.locationId,
      available,
      updatedAt: level.updatedAt,
    });
  }

  private assertStockFor(shop: string, resolved: { line: { quantity: number }; variant: SandboxVariant }[]): void {
    const wanted = new Map<SandboxVariant, number>();
    for (const { line, variant } of resolved) wanted.set(variant, (wanted.get(variant) ?? 0) + line.quantity);
    for (const [variant, quantity] of wanted) {
      const available = this.availableQuantity(shop, variant);
      if (available !== null && available < quantity) {
        throw new SandboxError(`Only ${Math.max(available, 0)} of ${variant.sku} left, ${quantity} wanted`, "OVERSOLD");
      }
    }
  }

  /** Takes from the first online location that holds the whole quantity, else spreads over them. */
  private takeStock(shop: string, variant: SandboxVariant, quantity: number): void {
    if (!variant.inventoryItem.tracked) return;
    const online = this.onlineLocations(shop);
    const levels = online
      .map((location) => variant.inventoryItem.levels.find((level) => level.locationId === location.id))
      .filter((level): level is InventoryLevelState => level !== undefined);
    const whole = levels.find((level) => level.available >= quantity);
    if (whole) return this.writeLevel(shop, variant.inventoryItem.id, whole, whole.available - quantity);
    let left = quantity;
    for (const level of levels) {
      if (left === 0) break;
      const taken = Math.min(Math.max(level.available, 0), left);
      if (taken === 0) continue;
      left -= taken;
      this.writeLevel(shop, variant.inventoryItem.id, level, level.available - taken);
    }
  }

  private usableDiscount(shop: string, code: string): SandboxDiscount {
    const discount = this.findDiscountByCode(shop, code);
    if (!discount) throw new SandboxError(`Unknown discount code ${code} in ${shop}`, "NOT_FOUND");
    const status = this.discountStatus(discount);
    if (status !== "ACTIVE") throw new SandboxError(`Discount code ${code} is ${status.toLowerCase()}`);
    return discount;
  }

  private ordersOf(shop: string, customer: SandboxCustomer): string[] {
    return this.getShop(shop)
      .orders.filter((order) => order.customer && (sameId(order.customer.id, customer.id) || order.customer.email === customer.email))
      .map((order) => order.id);
  }
}

/**
 * What the shopper paid for `quantity` units of a line, the line's discount spread evenly and
 * rounded; refundOrder gives the last units whatever is left, so a full refund returns exactly what was paid.
 */
export function paidFor(line: SandboxOrderLine, quantity: number): number {
  return Math.round(((line.price * line.quantity - line.discount) * quantity) / line.quantity);
}

export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}

function titleCase(handle: string): string {
  return handle
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export { gid, numericIdOf, sameId };
