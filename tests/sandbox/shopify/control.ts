// /__sandbox/ — the levers tests and the demo pull on the Shopify emulator: shops, stock,
// orders, refunds, catalog edits, uninstalls, compliance requests, webhook and throttle
// switches, delivery logs and session tokens. JSON in, JSON out; bad input is a 400 naming it.
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { readJson, sendJson, type Router, type SandboxRequest } from "../http";
import type { ShopifyEmulatorContext } from "./index";
import { SandboxError, type SandboxShop, type SandboxState } from "./state";
import { variantStock } from "./stock-view";

const propertySchema = z.object({ name: z.string(), value: z.string() });
const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  phone: z.string().nullable().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
});

const schemas = {
  createShop: z.object({
    domain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be <name>.myshopify.com"),
    name: z.string().optional(),
    currencyCode: z.string().length(3).optional(),
    moneyFormat: z.string().optional(),
    moneyWithCurrencyFormat: z.string().optional(),
    ianaTimezone: z.string().optional(),
    primaryDomainUrl: z.string().url().optional(),
  }),
  stock: z
    .object({
      inventoryItemId: z.string().optional(),
      variantId: z.string().optional(),
      locationId: z.string().optional(),
      available: z.number().int().optional(),
      delta: z.number().int().optional(),
    })
    .refine((body) => body.inventoryItemId ?? body.variantId, "inventoryItemId or variantId is required"),
  order: z.object({
    lines: z.array(z.object({ variantId: z.string(), quantity: z.number().int().positive(), properties: z.array(propertySchema).optional() })).min(1),
    attributes: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
    discountCode: z.string().optional(),
    customer: customerSchema.optional(),
    /** The buyer's country: the order is charged in its market's currency. */
    country: z.string().length(2).optional(),
  }),
  refund: z.object({ orderId: z.string(), lines: z.array(z.object({ lineId: z.string(), quantity: z.number().int().positive() })).min(1) }),
  productUpdate: z.object({
    productId: z.string(),
    title: z.string().optional(),
    descriptionHtml: z.string().optional(),
    status: z.enum(["ACTIVE", "DRAFT", "ARCHIVED"]).optional(),
  }),
  productDelete: z.object({ productId: z.string() }),
  tracked: z.object({ inventoryItemId: z.string(), tracked: z.boolean() }),
  customer: z.object({ customer: customerSchema }),
  webhookSwitches: z.object({
    duplicate: z.boolean().optional(),
    delayMs: z.number().int().min(0).optional(),
    outOfOrder: z.object({ order: z.enum(["reverse", "shuffle"]), batchSize: z.number().int().min(1), seed: z.number().int().optional() }).nullable().optional(),
    maxAttempts: z.number().int().min(1).max(20).optional(),
    backoffMs: z.number().int().min(0).optional(),
    timeoutMs: z.number().int().min(1).optional(),
  }),
  throttle: z.object({ count: z.number().int().min(0) }),
  sessionToken: z.object({ shop: z.string(), userId: z.string().optional(), ttlSeconds: z.number().int().positive().optional() }),
};

type Handler = (request: SandboxRequest, response: ServerResponse) => unknown;

/** Runs a control action: schema errors answer 400, sandbox errors 404/409/400 by kind. */
function action<S extends z.ZodType>(schema: S, run: (body: z.output<S>, request: SandboxRequest) => unknown | Promise<unknown>): Handler {
  return async (request, response) => {
    let body: unknown;
    try {
      body = readJson(request);
    } catch {
      return sendJson(response, 400, { error: "The body is not JSON" });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return sendJson(response, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ") });
    try {
      return sendJson(response, 200, (await run(parsed.data, request)) ?? { ok: true });
    } catch (error) {
      if (error instanceof SandboxError) {
        const status = error.code === "NOT_FOUND" ? 404 : error.code === "OVERSOLD" ? 409 : 400;
        return sendJson(response, status, { error: error.message, code: error.code });
      }
      throw error;
    }
  };
}

const anyBody = z.unknown();

export function registerControl(router: Router, emulator: ShopifyEmulatorContext) {
  const { state, webhooks, throttle } = emulator;
  const shopParam = (request: SandboxRequest) => state.getShop(request.params.shop ?? "").domain;

  router.add("GET", "/__sandbox/shops", (_request, response) => sendJson(response, 200, { shops: state.listShops().map(shopSummary) }));
  router.add("POST", "/__sandbox/shops", action(schemas.createShop, (body) => shopSummary(state.createShop(body))));
  router.add("GET", "/__sandbox/shops/:shop", action(anyBody, (_body, request) => shopSummary(state.getShop(shopParam(request)))));
  router.add("GET", "/__sandbox/shops/:shop/products", action(anyBody, (_body, request) => ({ products: catalogSnapshot(state, shopParam(request)) })));
  router.add("GET", "/__sandbox/shops/:shop/orders", action(anyBody, (_body, request) => ({ orders: state.getShop(shopParam(request)).orders })));

  router.add(
    "POST",
    "/__sandbox/shops/:shop/inventory/set",
    action(schemas.stock, (body, request) => {
      if (body.available === undefined) throw new SandboxError("available is required");
      const target = stockTarget(state, shopParam(request), body);
      state.setAvailable(target.shop, target.inventoryItemId, target.locationId, body.available);
      return { ...target, stock: stockAfter(state, target) };
    }),
  );
  router.add(
    "POST",
    "/__sandbox/shops/:shop/inventory/adjust",
    action(schemas.stock, (body, request) => {
      if (body.delta === undefined) throw new SandboxError("delta is required");
      const target = stockTarget(state, shopParam(request), body);
      state.adjustAvailable(target.shop, target.inventoryItemId, target.locationId, body.delta);
      return { ...target, stock: stockAfter(state, target) };
    }),
  );
  router.add(
    "POST",
    "/__sandbox/shops/:shop/inventory/tracked",
    action(schemas.tracked, (body, request) => state.setTracked(shopParam(request), body.inventoryItemId, body.tracked)),
  );
  router.add("POST", "/__sandbox/shops/:shop/orders", action(schemas.order, (body, request) => state.createPaidOrder(shopParam(request), body)));
  router.add("POST", "/__sandbox/shops/:shop/refunds", action(schemas.refund, (body, request) => state.refundOrder(shopParam(request), body.orderId, body.lines)));
  router.add(
    "POST",
    "/__sandbox/shops/:shop/products/update",
    action(schemas.productUpdate, (body, request) => {
      const { productId, ...patch } = body;
      state.updateProduct(shopParam(request), productId, patch);
    }),
  );
  router.add("POST", "/__sandbox/shops/:shop/products/delete", action(schemas.productDelete, (body, request) => state.deleteProduct(shopParam(request), body.productId)));
  router.add("POST", "/__sandbox/shops/:shop/uninstall", action(anyBody, (_body, request) => state.uninstall(shopParam(request))));
  router.add("POST", "/__sandbox/shops/:shop/compliance/customers-redact", action(schemas.customer, (body, request) => state.requestCustomerRedact(shopParam(request), body.customer)));
  router.add("POST", "/__sandbox/shops/:shop/compliance/customers-data-request", action(schemas.customer, (body, request) => state.requestCustomerData(shopParam(request), body.customer)));
  router.add("POST", "/__sandbox/shops/:shop/compliance/shop-redact", action(anyBody, (_body, request) => state.requestShopRedact(shopParam(request))));

  router.add("GET", "/__sandbox/webhooks", (_request, response) =>
    sendJson(response, 200, { switches: webhooks.current, held: webhooks.heldCount, events: webhooks.events.map(({ body: _body, ...event }) => event), deliveries: webhooks.log }),
  );
  router.add("POST", "/__sandbox/webhooks", action(schemas.webhookSwitches, (body) => ({ switches: webhooks.configure(body) })));
  router.add("POST", "/__sandbox/webhooks/reset", action(anyBody, () => (webhooks.reset(), { switches: webhooks.current })));
  router.add("POST", "/__sandbox/webhooks/flush", action(anyBody, () => webhooks.flush()));
  router.add(
    "POST",
    "/__sandbox/webhooks/settle",
    action(anyBody, async () => {
      await webhooks.settled();
      return { deliveries: webhooks.log };
    }),
  );

  router.add("POST", "/__sandbox/throttle", action(schemas.throttle, (body) => (throttle.throttleNext(body.count), { pending: throttle.pendingThrottles })));
  router.add(
    "POST",
    "/__sandbox/session-token",
    action(schemas.sessionToken, async (body) => {
      const shop = state.getShop(body.shop).domain;
      return { token: await emulator.mintSessionToken(shop, { ...(body.userId && { userId: body.userId }), ...(body.ttlSeconds && { ttlSeconds: body.ttlSeconds }) }) };
    }),
  );
}

function shopSummary(shop: SandboxShop) {
  const { products, orders, discounts, ...rest } = shop;
  return { ...rest, productCount: products.length, orderCount: orders.length, discountCount: discounts.length };
}

/** Products with each variant's online availability, the numbers a storefront and the app should agree on. */
function catalogSnapshot(state: SandboxState, shop: string) {
  return state.getShop(shop).products.map((product) => ({
    id: product.id,
    handle: product.handle,
    title: product.title,
    status: product.status,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      title: variant.title,
      sku: variant.sku,
      price: variant.price,
      inventoryItemId: variant.inventoryItem.id,
      tracked: variant.inventoryItem.tracked,
      available: state.availableQuantity(shop, variant),
      levels: variant.inventoryItem.levels,
    })),
  }));
}

/** The variant's stock at each location and online once a level was written, for whoever wrote it to show. */
function stockAfter(state: SandboxState, target: { shop: string; inventoryItemId: string }) {
  const found = state.findInventoryItem(target.shop, target.inventoryItemId);
  if (!found) throw new SandboxError(`Unknown inventory item ${target.inventoryItemId} in ${target.shop}`, "NOT_FOUND");
  return variantStock(state, target.shop, found.variant);
}

/** The level a stock change writes: the variant's (or item's) at locationId, else at the first location that sells online. */
function stockTarget(state: SandboxState, shop: string, body: { inventoryItemId?: string | undefined; variantId?: string | undefined; locationId?: string | undefined }) {
  const inventoryItemId = body.inventoryItemId ?? state.findVariant(shop, body.variantId ?? "")?.inventoryItem.id;
  if (!inventoryItemId) throw new SandboxError(`Unknown variant ${body.variantId} in ${shop}`, "NOT_FOUND");
  const locationId = body.locationId ?? state.onlineLocations(shop)[0]?.id;
  if (!locationId) throw new SandboxError(`${shop} has no location that sells online`, "NOT_FOUND");
  return { shop, inventoryItemId, locationId };
}
