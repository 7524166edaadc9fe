// Webhook bodies in the REST shapes Shopify documents for each topic. Ids are JSON numbers
// written digit for digit (raw-json.ts), money is a decimal string, times carry the shop's
// UTC offset. Fields the app does not read are still present where Shopify always sends them,
// so a handler that reads a real payload reads this one the same way.
import { applicationValue } from "./checkout-pricing";
import { inventoryLevelGid } from "./ids";
import { toDecimalString } from "./money";
import { JsonInteger, idNumber, type RawJsonValue } from "./raw-json";
import { type ChangeOf, type SandboxChange, type SandboxOrder, type SandboxOrderLine, type SandboxProduct, type SandboxShop } from "./state";

type ShopInfo = Pick<SandboxShop, "domain" | "name" | "currencyCode" | "ianaTimezone" | "id" | "email" | "moneyFormat" | "moneyWithCurrencyFormat" | "primaryDomainUrl" | "locations">;

export function webhookPayload(change: SandboxChange, shop: ShopInfo): RawJsonValue {
  const time = (iso: string) => restTimestamp(iso, shop.ianaTimezone);
  switch (change.topic) {
    case "inventory_levels/update":
      return inventoryLevelPayload(change, time);
    case "inventory_items/update":
      return inventoryItemPayload(change, time);
    case "products/update":
      return productPayload(change.product, shop, time);
    case "products/delete":
      return { id: idNumber(change.productId) };
    case "orders/paid":
      return orderPayload(change.order, shop, time);
    case "refunds/create":
      return refundPayload(change.order, change.refund, shop, time);
    case "app/uninstalled":
      return shopPayload(change.shopSnapshot, time(change.at));
    case "customers/redact":
      return {
        shop_id: idNumber(shop.id),
        shop_domain: shop.domain,
        customer: { id: idNumber(change.customer.id), email: change.customer.email, phone: change.customer.phone ?? null },
        orders_to_redact: change.ordersToRedact.map(idNumber),
      };
    case "customers/data_request":
      return {
        shop_id: idNumber(shop.id),
        shop_domain: shop.domain,
        orders_requested: change.ordersRequested.map(idNumber),
        customer: { id: idNumber(change.customer.id), email: change.customer.email, phone: change.customer.phone ?? null },
        data_request: { id: idNumber(change.dataRequestId) },
      };
    case "shop/redact":
      return { shop_id: idNumber(change.shopId), shop_domain: shop.domain };
  }
}

type TimeFormat = (iso: string) => string;

function inventoryLevelPayload(change: ChangeOf<"inventory_levels/update">, time: TimeFormat): RawJsonValue {
  return {
    inventory_item_id: idNumber(change.inventoryItemId),
    location_id: idNumber(change.locationId),
    available: change.available,
    updated_at: time(change.updatedAt),
    admin_graphql_api_id: inventoryLevelGid(change.levelId, change.inventoryItemId),
  };
}

function inventoryItemPayload(change: ChangeOf<"inventory_items/update">, time: TimeFormat): RawJsonValue {
  return {
    id: idNumber(change.inventoryItem.id),
    sku: change.variant.sku,
    created_at: time(change.inventoryItem.updatedAt),
    updated_at: time(change.inventoryItem.updatedAt),
    requires_shipping: true,
    cost: null,
    country_code_of_origin: null,
    province_code_of_origin: null,
    harmonized_system_code: null,
    tracked: change.inventoryItem.tracked,
    country_harmonized_system_codes: [],
    admin_graphql_api_id: change.inventoryItem.id,
  };
}

function productPayload(product: SandboxProduct, shop: ShopInfo, time: TimeFormat): RawJsonValue {
  const productNumber = idNumber(product.id);
  const created = time(product.createdAt ?? product.updatedAt);
  const image = {
    id: new JsonInteger((BigInt(productNumber.digits) + 1n).toString()),
    product_id: productNumber,
    position: 1,
    created_at: created,
    updated_at: time(product.updatedAt),
    alt: product.title,
    width: 800,
    height: 800,
    src: product.imageUrl,
    variant_ids: [],
    admin_graphql_api_id: `gid://shopify/ProductImage/${BigInt(productNumber.digits) + 1n}`,
  };
  return {
    admin_graphql_api_id: product.id,
    body_html: product.descriptionHtml,
    created_at: created,
    handle: product.handle,
    id: productNumber,
    product_type: product.productType,
    published_at: product.status === "ACTIVE" ? created : null,
    template_suffix: null,
    title: product.title,
    updated_at: time(product.updatedAt),
    vendor: product.vendor,
    status: product.status.toLowerCase(),
    published_scope: "global",
    tags: (product.tags ?? []).join(", "),
    variants: product.variants.map((variant, index) => ({
      admin_graphql_api_id: variant.id,
      barcode: null,
      compare_at_price: variant.compareAtPrice === null ? null : toDecimalString(variant.compareAtPrice, shop.currencyCode),
      created_at: created,
      id: idNumber(variant.id),
      inventory_policy: "deny",
      position: index + 1,
      price: toDecimalString(variant.price, shop.currencyCode),
      product_id: productNumber,
      sku: variant.sku,
      taxable: true,
      title: variant.title,
      updated_at: time(product.updatedAt),
      option1: variant.selectedOptions[0]?.value ?? null,
      option2: variant.selectedOptions[1]?.value ?? null,
      option3: variant.selectedOptions[2]?.value ?? null,
      image_id: null,
      inventory_item_id: idNumber(variant.inventoryItem.id),
      inventory_quantity: variant.inventoryItem.levels.reduce((sum, level) => sum + level.available, 0),
      old_inventory_quantity: variant.inventoryItem.levels.reduce((sum, level) => sum + level.available, 0),
    })),
    options: product.options.map((option, index) => ({
      name: option.name,
      id: new JsonInteger((BigInt(productNumber.digits) * 10n + BigInt(index)).toString()),
      product_id: productNumber,
      position: index + 1,
      values: option.values,
    })),
    images: [image],
    image,
    media: [],
    variant_gids: product.variants.map((variant) => ({ admin_graphql_api_id: variant.id, updated_at: product.updatedAt })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

/** An amount in the shop's currency and, when the buyer paid in another, in theirs. */
function moneySet(minor: number, currency: string, presentment: { amount: number; currency: string } = { amount: minor, currency }): RawJsonValue {
  return {
    shop_money: { amount: toDecimalString(minor, currency), currency_code: currency },
    presentment_money: { amount: toDecimalString(presentment.amount, presentment.currency), currency_code: presentment.currency },
  };
}

/** An order's amount in both currencies: shop money as recorded, presentment money as charged. */
function orderMoney(order: SandboxOrder, shopMinor: number, presentmentMinor: number): RawJsonValue {
  return moneySet(shopMinor, order.currencyCode, { amount: presentmentMinor, currency: order.presentment.currencyCode });
}

/** A refunded amount of `line` (shop money) in the presentment currency, in the line's own proportion. */
function presentmentShare(line: SandboxOrderLine, shopMinor: number): number {
  const shopNet = line.price * line.quantity - line.discount;
  const presentmentNet = line.presentment.price * line.quantity - line.presentment.discount;
  return shopNet === presentmentNet ? shopMinor : Math.round((shopMinor * presentmentNet) / (shopNet || 1));
}

function lineItemPayload(line: SandboxOrderLine, order: SandboxOrder): RawJsonValue {
  const currency = order.currencyCode;
  return {
    id: idNumber(line.id),
    admin_graphql_api_id: line.id,
    attributed_staffs: [],
    current_quantity: line.quantity - refundedQuantity(order, line),
    fulfillable_quantity: line.quantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: false,
    grams: 0,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    price: toDecimalString(line.price, currency),
    price_set: orderMoney(order, line.price, line.presentment.price),
    product_exists: true,
    product_id: idNumber(line.productId),
    properties: line.properties.map((property) => ({ name: property.name, value: property.value })),
    quantity: line.quantity,
    requires_shipping: true,
    sku: line.sku ?? null,
    taxable: true,
    title: line.title,
    total_discount: "0.00",
    total_discount_set: orderMoney(order, 0, 0),
    variant_id: idNumber(line.variantId),
    variant_inventory_management: "shopify",
    variant_title: line.variantTitle ?? null,
    vendor: null,
    tax_lines: [],
    duties: [],
    // Code discounts reach line items as allocations (total_discount stays for line-level manual discounts).
    discount_allocations: line.discount
      ? [{ amount: toDecimalString(line.discount, currency), amount_set: orderMoney(order, line.discount, line.presentment.discount), discount_application_index: 0 }]
      : [],
  };
}

function refundedQuantity(order: SandboxOrder, line: SandboxOrderLine): number {
  return order.refunds.flatMap((refund) => refund.lines).filter((r) => r.lineId === line.id).reduce((sum, r) => sum + r.quantity, 0);
}

function orderPayload(order: SandboxOrder, shop: ShopInfo, time: TimeFormat): RawJsonValue {
  const currency = order.currencyCode;
  const lineTotal = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const discounts = order.lines.reduce((sum, line) => sum + line.discount, 0);
  const presentmentLineTotal = order.lines.reduce((sum, line) => sum + line.presentment.price * line.quantity, 0);
  const presentmentDiscounts = order.lines.reduce((sum, line) => sum + line.presentment.discount, 0);
  const created = time(order.createdAt);
  return {
    id: idNumber(order.id),
    admin_graphql_api_id: order.id,
    app_id: null,
    buyer_accepts_marketing: false,
    cancel_reason: null,
    cancelled_at: null,
    checkout_id: null,
    confirmed: true,
    contact_email: order.customer?.email ?? null,
    created_at: created,
    currency,
    current_subtotal_price: toDecimalString(order.subtotal, currency),
    current_subtotal_price_set: orderMoney(order, order.subtotal, order.presentment.subtotal),
    current_total_discounts: toDecimalString(discounts, currency),
    current_total_discounts_set: orderMoney(order, discounts, presentmentDiscounts),
    current_total_price: toDecimalString(order.total, currency),
    current_total_price_set: orderMoney(order, order.total, order.presentment.total),
    customer_locale: "en",
    discount_codes: order.discountApplications.map((application) => ({ code: application.code, amount: toDecimalString(discounts, currency), type: application.valueType })),
    email: order.customer?.email ?? "",
    financial_status: "paid",
    fulfillment_status: null,
    name: order.name,
    note: null,
    note_attributes: order.attributes.map((attribute) => ({ name: attribute.key, value: attribute.value })),
    number: Number(order.name.replace(/\D/g, "")) - 1000,
    order_number: Number(order.name.replace(/\D/g, "")),
    presentment_currency: order.presentment.currencyCode,
    processed_at: created,
    source_name: "web",
    subtotal_price: toDecimalString(order.subtotal, currency),
    subtotal_price_set: orderMoney(order, order.subtotal, order.presentment.subtotal),
    tags: "",
    taxes_included: true,
    test: true,
    total_discounts: toDecimalString(discounts, currency),
    total_discounts_set: orderMoney(order, discounts, presentmentDiscounts),
    total_line_items_price: toDecimalString(lineTotal, currency),
    total_line_items_price_set: orderMoney(order, lineTotal, presentmentLineTotal),
    total_price: toDecimalString(order.total, currency),
    total_price_set: orderMoney(order, order.total, order.presentment.total),
    total_tax: "0.00",
    updated_at: created,
    user_id: null,
    customer: order.customer
      ? { id: idNumber(order.customer.id), email: order.customer.email, first_name: order.customer.firstName ?? null, last_name: order.customer.lastName ?? null, admin_graphql_api_id: order.customer.id }
      : null,
    discount_applications: order.discountApplications.map((application) => ({
      target_type: "line_item",
      type: "discount_code",
      value: applicationValue(application, order.presentment.currencyCode),
      value_type: application.valueType,
      allocation_method: application.allocationMethod,
      target_selection: application.targetSelection,
      code: application.code,
    })),
    line_items: order.lines.map((line) => lineItemPayload(line, order)),
    refunds: [],
    shipping_lines: [],
    order_status_url: `${shop.primaryDomainUrl}/orders/${idNumber(order.id).digits}/authenticate`,
  };
}

function refundPayload(order: SandboxOrder, refund: SandboxOrder["refunds"][number], shop: ShopInfo, time: TimeFormat): RawJsonValue {
  const currency = order.currencyCode;
  return {
    id: idNumber(refund.id),
    order_id: idNumber(order.id),
    created_at: time(refund.createdAt),
    note: null,
    user_id: null,
    processed_at: time(refund.createdAt),
    restock: false,
    duties: [],
    total_duties_set: moneySet(0, currency),
    additional_fees: [],
    total_additional_fees_set: moneySet(0, currency),
    return: null,
    refund_shipping_lines: [],
    admin_graphql_api_id: refund.id,
    refund_line_items: refund.lines.map((refundLine, index) => {
      const line = order.lines.find((candidate) => candidate.id === refundLine.lineId);
      if (!line) throw new Error(`Refund ${refund.id} names unknown line ${refundLine.lineId}`);
      const lineNumber = idNumber(refundLine.id ?? `${BigInt(idNumber(refund.id).digits) * 100n + BigInt(index)}`);
      return {
        id: lineNumber,
        line_item_id: idNumber(line.id),
        location_id: null,
        quantity: refundLine.quantity,
        restock_type: "no_restock",
        // REST refund line subtotals are JSON numbers; the *_set twins carry the exact strings.
        subtotal: Number(toDecimalString(refundLine.subtotal, currency)),
        subtotal_set: orderMoney(order, refundLine.subtotal, presentmentShare(line, refundLine.subtotal)),
        total_tax: 0,
        total_tax_set: moneySet(0, currency),
        line_item: lineItemPayload(line, order),
      };
    }),
    transactions: [
      {
        id: new JsonInteger((BigInt(idNumber(refund.id).digits) + 500n).toString()),
        admin_graphql_api_id: `gid://shopify/OrderTransaction/${BigInt(idNumber(refund.id).digits) + 500n}`,
        amount: toDecimalString(refund.lines.reduce((sum, refundLine) => sum + refundLine.subtotal, 0), currency),
        currency,
        kind: "refund",
        status: "success",
        gateway: "bogus",
        order_id: idNumber(order.id),
        created_at: time(refund.createdAt),
        test: true,
      },
    ],
    order_adjustments: [],
  };
}

function shopPayload(shop: Omit<SandboxShop, "products" | "orders" | "discounts">, updatedAt: string): RawJsonValue {
  return {
    id: idNumber(shop.id),
    name: shop.name,
    email: shop.email,
    domain: new URL(shop.primaryDomainUrl).host,
    province: null,
    country: "SE",
    address1: null,
    zip: null,
    city: null,
    source: null,
    phone: null,
    latitude: null,
    longitude: null,
    primary_locale: "en",
    address2: null,
    created_at: updatedAt,
    updated_at: updatedAt,
    country_code: "SE",
    country_name: "Sweden",
    currency: shop.currencyCode,
    customer_email: shop.email,
    timezone: `(GMT${utcOffset(new Date(), shop.ianaTimezone)}) ${shop.ianaTimezone}`,
    iana_timezone: shop.ianaTimezone,
    shop_owner: `${shop.name} owner`,
    money_format: shop.moneyFormat,
    money_with_currency_format: shop.moneyWithCurrencyFormat,
    weight_unit: "kg",
    province_code: null,
    taxes_included: true,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: "Developer Preview",
    plan_name: "partner_test",
    has_discounts: true,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    money_in_emails_format: shop.moneyFormat,
    money_with_currency_in_emails_format: shop.moneyWithCurrencyFormat,
    eligible_for_payments: true,
    password_enabled: false,
    has_storefront: true,
    primary_location_id: shop.locations[0] ? idNumber(shop.locations[0].id) : null,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [...new Set([shop.currencyCode, ...shop.markets.map((market) => market.currencyCode)])],
  };
}

/** "2026-05-01T10:00:00.123Z" in Europe/Stockholm → "2026-05-01T12:00:00.123+02:00", as REST writes times. */
export function restTimestamp(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const offset = utcOffset(date, timeZone);
  const local = new Date(date.getTime() + offsetToMinutes(offset) * 60_000).toISOString().replace(/Z$/, "");
  return `${local}${offset}`;
}

/** "+02:00" style offset of a zone at an instant. */
function utcOffset(date: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  const offset = (name ?? "GMT").replace(/^GMT/, "");
  return offset === "" ? "+00:00" : offset;
}

function offsetToMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
