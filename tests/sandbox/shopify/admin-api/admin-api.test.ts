// The Admin API as the app's real client sees it: @shopify/shopify-api's GraphQL client, a
// session from the real token exchange, and the app's own dispatcher routing the shop's
// domain to the emulator.
import { GraphqlQueryError, RequestedTokenType, Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeShopsToSandbox } from "../../../../app/shopify/sandbox-dispatcher.server";
import { SANDBOX_API_VERSION, sandboxShopify } from "../../config";
import { startShopifyEmulator, type ShopifyEmulator } from "../index";
import { testShopifyApi } from "../testing";

const SHOP = sandboxShopify.shopDomain;
const shopify = testShopifyApi();
let emulator: ShopifyEmulator;
let session: Session;

async function graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as: Session = session): Promise<T> {
  const client = new shopify.clients.Graphql({ session: as });
  const response = await client.request<T>(query, variables ? { variables } : {});
  if (!response.data) throw new Error("no data");
  return response.data;
}

async function graphqlError(query: string, variables?: Record<string, unknown>): Promise<GraphqlQueryError> {
  try {
    await graphql(query, variables);
  } catch (error) {
    if (error instanceof GraphqlQueryError) return error;
    throw error;
  }
  throw new Error("The call succeeded");
}

function graphQLErrorsOf(error: GraphqlQueryError): { message: string; path?: string[]; extensions?: Record<string, unknown> }[] {
  return (error.body as { errors: { graphQLErrors: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] } }).errors.graphQLErrors;
}

interface ProductRead {
  handle: string;
  featuredImage: { url: string };
  options: { name: string; values: string[] }[];
  variants: {
    nodes: {
      id: string;
      legacyResourceId: string;
      price: string;
      inventoryQuantity: number;
      product: { id: string };
      inventoryItem: { inventoryLevels: { nodes: { id: string; quantities: { quantity: number }[] }[] } };
    }[];
  };
}

/** A session whose token carries extra scopes (the app's own scopes do not include write_inventory). */
function sessionWithScopes(scope: string): Session {
  const issued = emulator.tokens.issue({ shop: SHOP, scope, online: false, expiring: false });
  return new Session({ id: `offline_${SHOP}_extra`, shop: SHOP, state: "", isOnline: false, accessToken: issued.accessToken, scope });
}

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9", seed: true });
  emulator.webhooks.configure({ maxAttempts: 1 });
  routeShopsToSandbox(emulator.url);
  const sessionToken = await emulator.mintSessionToken(SHOP);
  ({ session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken, expiring: true }));
});

afterAll(async () => {
  await emulator?.close();
});

describe("Admin GraphQL through @shopify/shopify-api", () => {
  it("reads the shop", async () => {
    const data = await graphql<{ shop: Record<string, unknown> }>(
      `{ shop { name myshopifyDomain currencyCode ianaTimezone currencyFormats { moneyFormat moneyWithCurrencyFormat } primaryDomain { url host } } }`,
    );
    expect(data.shop).toEqual({
      name: "Northwind Outfitters",
      myshopifyDomain: SHOP,
      currencyCode: "SEK",
      ianaTimezone: "Europe/Stockholm",
      currencyFormats: { moneyFormat: "{{amount_with_comma_separator}} kr", moneyWithCurrencyFormat: "{{amount_with_comma_separator}} SEK" },
      primaryDomain: { url: emulator.url, host: new URL(emulator.url).host },
    });
  });

  it("pages through active products and filters by title", async () => {
    type Page = { products: { nodes: { id: string; title: string; status: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const query = `query Products($after: String, $query: String) {
      products(first: 20, after: $after, query: $query) { nodes { id title status } pageInfo { hasNextPage endCursor } }
    }`;
    const first = await graphql<Page>(query, { query: "status:active" });
    expect(first.products.nodes).toHaveLength(20);
    expect(first.products.pageInfo.hasNextPage).toBe(true);
    const second = await graphql<Page>(query, { query: "status:active", after: first.products.pageInfo.endCursor });
    const all = [...first.products.nodes, ...second.products.nodes];
    expect(second.products.pageInfo.hasNextPage).toBe(false);
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(new Set(all.map((product) => product.id)).size).toBe(all.length);
    expect(all.every((product) => product.status === "ACTIVE")).toBe(true);

    const sweaters = await graphql<Page>(query, { query: "title:*sweater*" });
    expect(sweaters.products.nodes.map((product) => product.title)).toEqual(["Merino Crew Sweater"]);
  });

  it("reads a product with variants, prices as Money strings, and ids beyond 2^53 intact", async () => {
    const { products } = await graphql<{ products: { nodes: { id: string }[] } }>(`{ products(first: 1, query: "handle:merino-crew-sweater") { nodes { id } } }`);
    const id = products.nodes[0]?.id;
    const { product } = await graphql<{ product: ProductRead }>(
      `query P($id: ID!) { product(id: $id) {
        id legacyResourceId handle title vendor productType status totalInventory tracksInventory onlineStoreUrl
        featuredImage { url altText } options { name values }
        variants(first: 3) { nodes { id legacyResourceId title sku price compareAtPrice availableForSale inventoryQuantity
          selectedOptions { name value } product { id }
          inventoryItem { id tracked inventoryLevels(first: 5) { nodes { id location { id name } quantities(names: ["available"]) { name quantity } updatedAt } } } } }
      } }`,
      { id },
    );
    expect(product.handle).toBe("merino-crew-sweater");
    expect(product.featuredImage.url).toBe(`${emulator.url}/cdn/products/merino-crew-sweater.svg`);
    expect(product.options).toEqual([
      { name: "Size", values: ["XS", "S", "M", "L", "XL"] },
      { name: "Color", values: ["Oatmeal", "Navy", "Forest"] },
    ]);
    const variant = product.variants.nodes[0];
    if (!variant) throw new Error("no variants");
    expect(variant.price).toBe("899.00");
    expect(variant.id).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d{16,}$/);
    expect(BigInt(variant.legacyResourceId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(variant.id.endsWith(variant.legacyResourceId)).toBe(true);
    expect(variant.product.id).toBe(id);
    const levels = variant.inventoryItem.inventoryLevels.nodes;
    expect(levels).toHaveLength(3);
    expect(levels[0]?.id).toMatch(/^gid:\/\/shopify\/InventoryLevel\/\d+\?inventory_item_id=\d+$/);
    const total = levels.reduce((sum, level) => sum + (level.quantities[0]?.quantity ?? 0), 0);
    expect(variant.inventoryQuantity).toBe(total);
  });

  it("prices a variant for a buyer's country in that country's market: converted, rounded up, compare-at price too", async () => {
    const cardigan = emulator.state.findProductByHandle(SHOP, "cable-knit-cardigan")?.variants[0];
    type Pricing = { price: { amount: string; currencyCode: string }; compareAtPrice: { amount: string; currencyCode: string } | null };
    const priced = (country: string) =>
      graphql<{ productVariant: { contextualPricing: Pricing } }>(
        `query V($id: ID!, $country: CountryCode!) { productVariant(id: $id) { contextualPricing(context: { country: $country }) { price { amount currencyCode } compareAtPrice { amount currencyCode } } } }`,
        { id: cardigan?.id, country },
      ).then((data) => data.productVariant.contextualPricing);
    // 1 199.00 SEK × 0.087 = 104.313 EUR → 104.95; 1 499.00 SEK → 130.413 → 130.95 (MoneyV2 amounts are Decimals).
    expect(await priced("NO")).toEqual({ price: { amount: "104.95", currencyCode: "EUR" }, compareAtPrice: { amount: "130.95", currencyCode: "EUR" } });
    expect(await priced("SE")).toEqual({ price: { amount: "1199.0", currencyCode: "SEK" }, compareAtPrice: { amount: "1499.0", currencyCode: "SEK" } });
    // A country in no market buys at the primary market's prices.
    expect((await priced("US")).price).toEqual({ amount: "1199.0", currencyCode: "SEK" });

    const byLocation = await graphqlError(`query V($id: ID!) { productVariant(id: $id) { contextualPricing(context: { locationId: "gid://shopify/Location/1" }) { price { amount } } } }`, { id: cardigan?.id });
    expect(graphQLErrorsOf(byLocation)[0]?.message).toMatch(/^Sandbox does not implement ProductVariant.contextualPricing/);
  });

  it("resolves nodes of several types and locations", async () => {
    const shop = emulator.state.getShop(SHOP);
    const product = shop.products[0];
    const variant = product?.variants[0];
    const location = shop.locations[2];
    const data = await graphql<{ nodes: ({ __typename: string; id: string } | null)[]; locations: { nodes: { name: string; fulfillsOnlineOrders: boolean }[] } }>(
      `query N($ids: [ID!]!) { nodes(ids: $ids) { __typename id } locations(first: 10) { nodes { name isActive fulfillsOnlineOrders } } }`,
      { ids: [product?.id, variant?.id, variant?.inventoryItem.id, location?.id, "gid://shopify/Product/1"] },
    );
    expect(data.nodes.map((node) => node?.__typename ?? null)).toEqual(["Product", "ProductVariant", "InventoryItem", "Location", null]);
    expect(data.locations.nodes.filter((node) => node.fulfillsOnlineOrders)).toHaveLength(2);
  });

  it("rejects a misspelled field with Shopify's error shape", async () => {
    const error = await graphqlError(`query Broken { products(first: 1) { nodes { titel } } }`);
    expect(graphQLErrorsOf(error)[0]).toEqual({
      message: "Field 'titel' doesn't exist on type 'Product'",
      locations: [{ line: 1, column: 45 }],
      path: ["query Broken", "products", "nodes", "titel"],
      extensions: { code: "undefinedField", typeName: "Product", fieldName: "titel" },
    });
  });

  it("names a field the sandbox has no resolver for instead of inventing data", async () => {
    const error = await graphqlError(`{ shop { plan { partnerDevelopment } } }`);
    const [first] = graphQLErrorsOf(error);
    expect(first?.message).toBe("Sandbox does not implement Shop.plan");
    expect(first?.path).toEqual(["shop", "plan"]);
  });

  it("answers THROTTLED while the throttle switch is on, then recovers", async () => {
    emulator.throttle.throttleNext(1);
    const error = await graphqlError(`{ shop { name } }`);
    const [first] = graphQLErrorsOf(error);
    expect(first).toMatchObject({ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } });
    const again = await new shopify.clients.Graphql({ session }).request(`{ shop { name } }`);
    expect(again.extensions?.cost).toMatchObject({ throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
  });

  it("refuses a mutation the token's scopes do not allow, like Shopify", async () => {
    const item = emulator.state.getShop(SHOP).products[0]?.variants[0]?.inventoryItem;
    const location = emulator.state.getShop(SHOP).locations[0];
    const error = await graphqlError(
      `mutation S($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { message } } }`,
      { input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: item?.id, locationId: location?.id, quantity: 5 }] } },
    );
    expect(graphQLErrorsOf(error)[0]).toMatchObject({ extensions: { code: "ACCESS_DENIED", requiredAccess: "`write_inventory` access scope." } });
  });

  it("sets and adjusts available stock with the inventory mutations", async () => {
    const writer = sessionWithScopes("read_products,write_inventory,read_locations");
    const variant = emulator.state.findProductByHandle(SHOP, "organic-cotton-tee")?.variants[0];
    const location = emulator.state.getShop(SHOP).locations[0];
    if (!variant || !location) throw new Error("seed changed");
    const set = await graphql<{ inventorySetQuantities: { userErrors: unknown[]; inventoryAdjustmentGroup: { changes: { name: string; quantityAfterChange: number }[] } } }>(
      `mutation S($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) {
        inventoryAdjustmentGroup { reason changes(quantityNames: ["available"]) { name delta quantityAfterChange } } userErrors { field message code } } }`,
      { input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: variant.inventoryItem.id, locationId: location.id, quantity: 7 }] } },
      writer,
    );
    expect(set.inventorySetQuantities.userErrors).toEqual([]);
    expect(set.inventorySetQuantities.inventoryAdjustmentGroup.changes).toEqual([expect.objectContaining({ name: "available", quantityAfterChange: 7 })]);

    const adjust = await graphql<{ inventoryAdjustQuantities: { userErrors: { code: string }[] } }>(
      `mutation A($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) { userErrors { field message code } } }`,
      { input: { name: "available", reason: "correction", changes: [{ inventoryItemId: variant.inventoryItem.id, locationId: location.id, delta: -2 }] } },
      writer,
    );
    expect(adjust.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect(variant.inventoryItem.levels.find((level) => level.locationId === location.id)?.available).toBe(5);

    const stale = await graphql<{ inventoryAdjustQuantities: { userErrors: { code: string }[] } }>(
      `mutation A($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) { userErrors { field message code } } }`,
      { input: { name: "available", reason: "nonsense", changes: [{ inventoryItemId: variant.inventoryItem.id, locationId: location.id, delta: 1 }] } },
      writer,
    );
    expect(stale.inventoryAdjustQuantities.userErrors.map((error) => error.code)).toEqual(["INVALID_REASON"]);
    expect(variant.inventoryItem.levels.find((level) => level.locationId === location.id)?.available).toBe(5);
  });

  it("creates a flash-deal code, applies it at checkout, reads the order back, and deactivates it", async () => {
    const product = emulator.state.findProductByHandle(SHOP, "hooded-sweatshirt");
    const variant = product?.variants.find((candidate) => (emulator.state.availableQuantity(SHOP, candidate) ?? 0) > 0);
    if (!product || !variant) throw new Error("seed changed");
    type Created = { discountCodeBasicCreate: { codeDiscountNode: { id: string; codeDiscount: { title: string; status: string; codes: { nodes: { code: string }[] } } } | null; userErrors: unknown[] } };
    const created = await graphql<Created>(
      `mutation D($discount: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $discount) {
        codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title status startsAt endsAt codes(first: 1) { nodes { code } } } } }
        userErrors { field message code } } }`,
      {
        discount: {
          title: "Live deal",
          code: "LIVE-HOODIE-20",
          startsAt: new Date(Date.now() - 1000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          customerGets: { value: { percentage: 0.2 }, items: { products: { productsToAdd: [product.id] } } },
          context: { all: "ALL" },
        },
      },
    );
    expect(created.discountCodeBasicCreate.userErrors).toEqual([]);
    const node = created.discountCodeBasicCreate.codeDiscountNode;
    expect(node?.codeDiscount).toMatchObject({ title: "Live deal", status: "ACTIVE", codes: { nodes: [{ code: "LIVE-HOODIE-20" }] } });

    const duplicate = await graphql<Created>(
      `mutation D($discount: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $discount) { codeDiscountNode { id } userErrors { field message code } } }`,
      { discount: { title: "Again", code: "live-hoodie-20", startsAt: new Date().toISOString(), customerGets: { value: { percentage: 0.1 }, items: { all: true } } } },
    );
    expect(duplicate.discountCodeBasicCreate.userErrors).toEqual([{ field: ["basicCodeDiscount", "code"], message: "Code must be unique. Please try a different code.", code: "TAKEN" }]);

    const order = emulator.state.createPaidOrder(SHOP, {
      lines: [{ variantId: variant.id, quantity: 1, properties: [{ name: "_live_show", value: "show-1" }] }],
      attributes: [{ key: "live_show", value: "show-1" }],
      discountCode: "LIVE-HOODIE-20",
    });
    type OrderData = { order: { name: string; currencyCode: string; customAttributes: unknown[]; lineItems: { nodes: { quantity: number; variant: { id: string }; customAttributes: unknown[]; originalUnitPriceSet: { shopMoney: { amount: string } }; discountedTotalSet: { shopMoney: { amount: string; currencyCode: string } } }[] } } };
    const read = await graphql<OrderData>(
      `query O($id: ID!) { order(id: $id) { name currencyCode customAttributes { key value }
        lineItems(first: 5) { nodes { id quantity variant { id } customAttributes { key value }
          originalUnitPriceSet { shopMoney { amount currencyCode } } discountedTotalSet(withCodeDiscounts: true) { shopMoney { amount currencyCode } } } } } }`,
      { id: order.id },
    );
    expect(read.order.customAttributes).toEqual([{ key: "live_show", value: "show-1" }]);
    const line = read.order.lineItems.nodes[0];
    expect(line?.variant.id).toBe(variant.id);
    expect(line?.customAttributes).toEqual([{ key: "_live_show", value: "show-1" }]);
    expect(line?.originalUnitPriceSet.shopMoney.amount).toBe("649.0");
    expect(line?.discountedTotalSet.shopMoney).toEqual({ amount: "519.2", currencyCode: "SEK" });

    const deactivated = await graphql<{ discountCodeDeactivate: { codeDiscountNode: { codeDiscount: { status: string } } } }>(
      `mutation X($id: ID!) { discountCodeDeactivate(id: $id) { codeDiscountNode { codeDiscount { ... on DiscountCodeBasic { status } } } userErrors { message } } }`,
      { id: node?.id },
    );
    expect(deactivated.discountCodeDeactivate.codeDiscountNode.codeDiscount.status).toBe("EXPIRED");
  });
});

describe("the Admin endpoint's HTTP answers", () => {
  const endpoint = (version: string) => `${emulator.url}/admin/api/${version}/graphql.json`;
  const post = (url: string, token: string, body: unknown) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-sandbox-shop": SHOP, "x-shopify-access-token": token }, body: JSON.stringify(body) });

  it("answers 401 with Shopify's message for an unknown token", async () => {
    const response = await post(endpoint(SANDBOX_API_VERSION), "shpat_not-issued", { query: "{ shop { name } }" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("answers 404 for a version Shopify does not ship", async () => {
    const response = await post(endpoint("2019-01"), session.accessToken ?? "", { query: "{ shop { name } }" });
    expect(response.status).toBe(404);
  });

  it("answers validation errors with HTTP 200 and a cost extension on data", async () => {
    const invalid = await post(endpoint(SANDBOX_API_VERSION), session.accessToken ?? "", { query: "{ shop { nam } }" });
    expect(invalid.status).toBe(200);
    const ok = (await (await post(endpoint(SANDBOX_API_VERSION), session.accessToken ?? "", { query: "{ products(first: 5) { nodes { id } } }" })).json()) as {
      extensions: { cost: { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { currentlyAvailable: number } } };
    };
    expect(ok.extensions.cost.requestedQueryCost).toBe(7);
    expect(ok.extensions.cost.actualQueryCost).toBe(6);
    expect(ok.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(2000);
  });

  it("requires first or last on connections, as Shopify does", async () => {
    const body = (await (await post(endpoint(SANDBOX_API_VERSION), session.accessToken ?? "", { query: "{ products { nodes { id } } }" })).json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe("you must provide one of first or last");
  });
});
