// A show's sales for its report, from the Shopify emulator's own checkout and refunds: orders/paid
// and refunds/create signed and delivered as Shopify does, duplicated and out of order when asked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SHOW_CLAIM_KEY } from "~/commissions/show-claim";
import prisma from "~/db.server";
import { SALE_WAIT_MS } from "~/analytics/show-sales.server";
import { orderPaidBody, refundCreateBody, shopifyTime, uniqueShop } from "../support/order-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { fromNow } from "../support/clock";
import { createShowWithCreator } from "../support/commission-shows";
import { startShopifyEmulator, type ShopifyEmulator } from "../sandbox/shopify/index";
import { startAppServer, type AppServer } from "../support/app-server";
import { reservePort } from "../support/reserved-port";

let app: AppServer;
let emulator: ShopifyEmulator;

beforeAll(async () => {
  const appSocket = await reservePort();
  emulator = await startShopifyEmulator({ appUrl: appSocket.url });
  app = await startAppServer({ SHOPIFY_SANDBOX_URL: emulator.url }, appSocket);
});

afterEach(() => {
  emulator.webhooks.reset();
});

afterAll(async () => {
  await emulator?.close();
  await app?.close();
});

/** A sandbox shop selling a scarf at 499.00 SEK (in the show's lineup) and a hat at 150.00 SEK (not in it), and a live show. */
async function sandboxShopWithLiveShow(label: string, withCreator = true) {
  const shop = uniqueShop(label);
  const store = emulator.state.newLocation("Store", true);
  emulator.state.createShop({ domain: shop, currencyCode: "SEK", ianaTimezone: "Europe/Stockholm", locations: [store] });
  const addProduct = (handle: string, price: number) => {
    const product = emulator.state.addProduct(shop, {
      handle,
      title: handle,
      imageUrl: `http://x/${handle}.svg`,
      options: [{ name: "Color", values: ["Red"] }],
      variants: [{ optionValues: ["Red"], sku: handle, price, stock: { [store.id]: 10 } }],
    });
    const variant = product.variants[0];
    if (!variant) throw new Error("the product has a variant");
    return { product, variant };
  };
  const scarf = addProduct("scarf", 49900);
  const hat = addProduct("hat", 15000);
  const { show } = await createShowWithCreator(shop, {
    lineup: [Number(scarf.product.id.split("/").pop())],
    wentLiveAt: new Date(emulator.state.now().getTime() - 3_600_000),
    withCreator,
  });
  const claim = [{ name: SHOW_CLAIM_KEY, value: show.id }];
  const buy = (lines: { item: typeof scarf; quantity: number; claimed: boolean }[]) =>
    emulator.state.createPaidOrder(shop, {
      lines: lines.map(({ item, quantity, claimed }) => ({ variantId: item.variant.id, quantity, properties: claimed ? claim : [] })),
    });
  return { shop, show, scarf, hat, buy };
}

const salesOf = (shop: string) =>
  prisma.showSale.findMany({
    where: { shop },
    orderBy: [{ quantity: "desc" }],
    select: { showId: true, lineItemId: true, refundId: true, quantity: true, amountMinor: true, currency: true },
  });

describe("a show's sales from orders/paid and refunds/create", () => {
  it("counts the show's lines once though every webhook arrives twice, the shop's every order, and subtracts refunded units", async () => {
    const { shop, show, scarf, hat, buy } = await sandboxShopWithLiveShow("sales-dup");
    emulator.webhooks.configure({ duplicate: true });

    const order = buy([
      { item: scarf, quantity: 2, claimed: true },
      // Claimed, but not in the lineup: the shopper kept shopping with the show's claim in the cart.
      { item: hat, quantity: 1, claimed: true },
    ]);
    buy([{ item: hat, quantity: 3, claimed: false }]);
    await emulator.webhooks.settled();
    const scarfLine = order.lines[0];
    if (!scarfLine) throw new Error("the order has a line");

    expect(await salesOf(shop)).toEqual([{ showId: show.id, lineItemId: scarfLine.id, refundId: "", quantity: 2, amountMinor: 99800n, currency: "SEK" }]);
    const orders = await prisma.shopOrder.findMany({ where: { shop }, orderBy: { amountMinor: "desc" }, select: { orderId: true, amountMinor: true, currency: true } });
    expect(orders).toEqual([
      { orderId: order.id, amountMinor: 114800n, currency: "SEK" },
      { orderId: expect.stringMatching(/^gid:\/\/shopify\/Order\//), amountMinor: 45000n, currency: "SEK" },
    ]);

    const refund = emulator.state.refundOrder(shop, order.id, [{ lineId: scarfLine.id, quantity: 1 }]);
    await emulator.webhooks.settled();
    emulator.state.refundOrder(shop, order.id, [{ lineId: scarfLine.id, quantity: 1 }]);
    await emulator.webhooks.settled();

    const sales = await salesOf(shop);
    expect(sales.map((sale) => [sale.quantity, sale.amountMinor])).toEqual([
      [2, 99800n],
      [-1, -49900n],
      [-1, -49900n],
    ]);
    expect(sales.find((sale) => sale.refundId === refund.id)).toMatchObject({ showId: show.id, lineItemId: scarfLine.id });
  });

  it("counts a sale of a show without a creator, which earns nobody a commission", async () => {
    const { shop, show, scarf, buy } = await sandboxShopWithLiveShow("sales-no-creator", false);
    buy([{ item: scarf, quantity: 1, claimed: true }]);
    await emulator.webhooks.settled();

    expect((await salesOf(shop)).map((sale) => [sale.showId, sale.quantity, sale.amountMinor])).toEqual([[show.id, 1, 49900n]]);
    expect(await prisma.commissionEntry.count({ where: { shop } })).toBe(0);
  });

  it("subtracts a refund that Shopify delivers before the order's orders/paid, through Shopify's retry, for a show without a creator", async () => {
    const { shop, scarf, buy } = await sandboxShopWithLiveShow("sales-reordered", false);
    emulator.webhooks.configure({ outOfOrder: { order: "reverse", batchSize: 1_000 }, backoffMs: 200 });

    const order = buy([{ item: scarf, quantity: 1, claimed: true }]);
    const line = order.lines[0];
    if (!line) throw new Error("the order has a line");
    emulator.state.refundOrder(shop, order.id, [{ lineId: line.id, quantity: 1 }]);
    await emulator.webhooks.settled();

    const refundAttempts = emulator.webhooks.attemptsFor({ shop, topic: "refunds/create" }).map((attempt) => attempt.status);
    expect(refundAttempts[0]).toBe(503);
    expect(refundAttempts.at(-1)).toBe(200);
    expect((await salesOf(shop)).map((sale) => [sale.quantity, sale.amountMinor])).toEqual([
      [1, 49900n],
      [-1, -49900n],
    ]);
  });

  it("stops waiting for a sale that never came once the refund is an hour old, subtracting nothing", async () => {
    const { shop, show, scarf } = await sandboxShopWithLiveShow("sales-never-paid", false);
    // The refund of an order whose orders/paid this app never counted (paid before it counted shows' sales).
    const order = orderPaidBody({ currency: "SEK", lines: [{ productNumber: Number(scarf.product.id.split("/").pop()), price: "499.00", showId: show.id }] });
    const send = (createdAt: Date) =>
      sendShopifyWebhook(app.url, { topic: "refunds/create", shop, body: JSON.stringify(refundCreateBody(order, [{ lineIndex: 0, quantity: 1 }], shopifyTime(createdAt))) });

    expect((await send(fromNow({ minutes: -5 }))).status).toBe(503);
    expect((await send(fromNow({ minutes: -(SALE_WAIT_MS / 60_000 + 1) }))).status).toBe(200);
    expect(await salesOf(shop)).toEqual([]);
  });

  it("counts nothing for a show claimed by an order placed before it went live", async () => {
    const { shop, show, scarf, buy } = await sandboxShopWithLiveShow("sales-early");
    await prisma.show.update({ where: { id: show.id }, data: { wentLiveAt: new Date(emulator.state.now().getTime() + 3_600_000) } });
    buy([{ item: scarf, quantity: 1, claimed: true }]);
    await emulator.webhooks.settled();

    expect(await salesOf(shop)).toEqual([]);
    expect(await prisma.shopOrder.count({ where: { shop } })).toBe(1);
  });
});
