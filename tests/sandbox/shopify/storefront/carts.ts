// Carts as Shopify's online store keeps them: one per browser (the `cart` cookie holds the
// token) and per shop. Lines are keyed by variant and properties, so the same variant bought
// from two shows stays two lines. Stock is checked against the shop's online locations when a
// quantity grows, with the AJAX Cart API's error shape.
import { createHash, randomBytes } from "node:crypto";
import type { SandboxState, SandboxVariant, SandboxProduct } from "../state";
import { numericIdOf } from "../ids";

export interface CartLine {
  /** `<variant id>:<hash of properties>`, Shopify's line item key. */
  key: string;
  /** Numeric variant id as a decimal string (they exceed the safe integer range). */
  variantId: string;
  quantity: number;
  properties: Record<string, string>;
}

export interface Cart {
  token: string;
  shop: string;
  lines: CartLine[];
  attributes: Record<string, string>;
  note: string;
}

/** The AJAX Cart API's error body; `status` is a number for 4xx cart errors, a word for bad requests. */
export class CartError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: { status: number | string; message: string; description: string },
  ) {
    super(body.description);
    this.name = "CartError";
  }
}

const cannotFindVariant = () => new CartError(404, { status: 404, message: "Cart Error", description: "Cannot find variant" });
export const badRequest = (parameter: string) =>
  new CartError(400, { status: "bad_request", message: "Parameter Missing or Invalid", description: `Required parameter missing or invalid: ${parameter}` });

/** Shopify drops properties whose value is blank and keeps the rest as strings. */
export function normaliseProperties(raw: unknown): Record<string, string> {
  const properties: Record<string, string> = {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return properties;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || value === undefined || String(value).trim() === "") continue;
    properties[name] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return properties;
}

export function lineKey(variantId: string, properties: Record<string, string>): string {
  const sorted = Object.keys(properties)
    .sort()
    .map((name) => [name, properties[name]]);
  return `${variantId}:${createHash("md5").update(JSON.stringify(sorted)).digest("hex")}`;
}

export interface ResolvedVariant {
  variant: SandboxVariant;
  product: SandboxProduct;
}

export class CartBook {
  private readonly carts = new Map<string, Cart>();

  constructor(private readonly state: SandboxState) {}

  /** The browser's cart for this shop, created (with a new token) when there is none. */
  cartFor(shop: string, token: string | undefined): Cart {
    const existing = token ? this.carts.get(`${shop} ${token}`) : undefined;
    if (existing) {
      // A product deleted or unpublished since it was added leaves the cart, as on Shopify.
      existing.lines = existing.lines.filter((line) => this.isBuyable(shop, line.variantId));
      return existing;
    }
    const cart: Cart = { token: token || newCartToken(), shop, lines: [], attributes: {}, note: "" };
    this.carts.set(`${shop} ${cart.token}`, cart);
    return cart;
  }

  /** A variant a shopper may buy: it exists and its product is active (published). */
  resolveVariant(shop: string, id: unknown): ResolvedVariant {
    let numeric: string;
    try {
      numeric = numericIdOf(String(id ?? ""));
    } catch {
      throw cannotFindVariant();
    }
    const variant = this.state.findVariant(shop, numeric);
    const product = variant ? this.state.findProduct(shop, variant.productId) : undefined;
    if (!variant || !product || product.status !== "ACTIVE") throw cannotFindVariant();
    return { variant, product };
  }

  /** Adds lines all-or-nothing: if any line would oversell, nothing is added. Returns the lines touched. */
  add(cart: Cart, items: { id: unknown; quantity?: unknown; properties?: unknown }[]): CartLine[] {
    if (items.length === 0) throw badRequest("items");
    const planned = items.map((item) => {
      const quantity = item.quantity === undefined || item.quantity === "" ? 1 : Number(item.quantity);
      if (!Number.isInteger(quantity) || quantity < 1) throw badRequest("quantity");
      const resolved = this.resolveVariant(cart.shop, item.id);
      const variantId = numericIdOf(resolved.variant.id);
      const properties = normaliseProperties(item.properties);
      return { resolved, variantId, quantity, properties, key: lineKey(variantId, properties) };
    });
    const wanted = new Map<string, number>();
    for (const plan of planned) {
      const total = (wanted.get(plan.variantId) ?? this.quantityInCart(cart, plan.variantId)) + plan.quantity;
      wanted.set(plan.variantId, total);
      this.assertStock(cart, plan.resolved, total, total - plan.quantity);
    }
    return planned.map((plan) => {
      const line = cart.lines.find((candidate) => candidate.key === plan.key);
      if (line) {
        line.quantity += plan.quantity;
        return line;
      }
      const created: CartLine = { key: plan.key, variantId: plan.variantId, quantity: plan.quantity, properties: plan.properties };
      cart.lines.push(created);
      return created;
    });
  }

  /** Sets a line's quantity (0 removes it); growing it is checked against stock. */
  setQuantity(cart: Cart, line: CartLine, quantity: number): void {
    if (!Number.isInteger(quantity) || quantity < 0) throw badRequest("quantity");
    if (quantity === 0) {
      cart.lines = cart.lines.filter((candidate) => candidate !== line);
      return;
    }
    if (quantity > line.quantity) {
      const resolved = this.resolveVariant(cart.shop, line.variantId);
      const others = this.quantityInCart(cart, line.variantId) - line.quantity;
      this.assertStock(cart, resolved, others + quantity, others + line.quantity);
    }
    line.quantity = quantity;
  }

  /** Replaces a line's properties; a line with the new key already there absorbs it. Returns the line that remains. */
  setProperties(cart: Cart, line: CartLine, properties: Record<string, string>): CartLine {
    const key = lineKey(line.variantId, properties);
    const twin = cart.lines.find((candidate) => candidate.key === key && candidate !== line);
    if (twin) {
      twin.quantity += line.quantity;
      cart.lines = cart.lines.filter((candidate) => candidate !== line);
      return twin;
    }
    line.properties = properties;
    line.key = key;
    return line;
  }

  /** A line by its key, or the first line of a variant id (what change.js's `id` means). */
  findLine(cart: Cart, id: string): CartLine | undefined {
    if (id.includes(":")) return cart.lines.find((line) => line.key === id);
    try {
      const numeric = numericIdOf(id);
      return cart.lines.find((line) => line.variantId === numeric);
    } catch {
      return undefined;
    }
  }

  private isBuyable(shop: string, variantId: string): boolean {
    const variant = this.state.findVariant(shop, variantId);
    return variant !== undefined && this.state.findProduct(shop, variant.productId)?.status === "ACTIVE";
  }

  /** Drops the cart entirely (a completed checkout); the browser gets a new one next time. */
  forget(cart: Cart): void {
    this.carts.delete(`${cart.shop} ${cart.token}`);
  }

  clear(cart: Cart): void {
    cart.lines = [];
  }

  quantityInCart(cart: Cart, variantId: string): number {
    return cart.lines.filter((line) => line.variantId === variantId).reduce((sum, line) => sum + line.quantity, 0);
  }

  private assertStock(cart: Cart, { variant, product }: ResolvedVariant, total: number, before: number): void {
    const available = this.state.availableQuantity(cart.shop, variant);
    if (available === null || total <= available) return; // untracked stock never runs out
    const title = product.variants.length > 1 ? `${product.title} - ${variant.title}` : product.title;
    if (available <= 0) {
      throw new CartError(422, { status: 422, message: "Cart Error", description: `The product '${title}' is already sold out.` });
    }
    const left = Math.max(available - before, 0);
    if (left === 0) {
      throw new CartError(422, { status: 422, message: "Cart Error", description: `You can't add more ${title} to the cart.` });
    }
    throw new CartError(422, { status: 422, message: "Cart Error", description: `You can only add ${left} of this item to your cart` });
  }
}

function newCartToken(): string {
  // Shopify's tokens are opaque; the sandbox's read distinctly in logs.
  return `sandbox-${randomBytes(12).toString("hex")}`;
}
