// Commissions over real HTTP: the built app, Shopify-signed orders/paid and refunds/create.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creatorBalance, payableEntries } from "~/commissions/ledger.server";
import { nextProductNumber, orderPaidBody, refundCreateBody, uniqueShop } from "../support/order-payloads";
import { createShowWithCreator } from "../support/commission-shows";
import prisma from "~/db.server";
import { startAppServer, type AppServer } from "../support/app-server";
import { fromNow } from "../support/clock";
import { sendShopifyWebhook } from "../support/shopify-webhook";

let app: AppServer;

beforeAll(async () => {
  app = await startAppServer();
});

afterAll(async () => {
  await app?.close();
});

type Topic = "orders/paid" | "refunds/create";

function deliver(topic: Topic, shop: string, payload: unknown, eventId: string = randomUUID()) {
  return sendShopifyWebhook(app.url, { topic, shop, body: JSON.stringify(payload), eventId });
}

const entriesOf = (shop: string) => prisma.commissionEntry.findMany({ where: { shop }, orderBy: [{ kind: "desc" }, { refundId: "asc" }] });
/** A year from now: past the hold (14 days by default) of every entry these orders and refunds make. */
const LATER = fromNow({ days: 365 });

async function showShop(label: string) {
  const shop = uniqueShop(label);
  const product = nextProductNumber();
  const { show, creator } = await createShowWithCreator(shop, { lineup: [product], creatorBps: 1500 });
  if (!creator) throw new Error("the fixture has a creator");
  return { shop, product, show, creator };
}

describe("commissions through Shopify webhooks", () => {
  it("records an earning for a signed orders/paid of a show product, once however often it is delivered", async () => {
    const { shop, product, show, creator } = await showShop("http-earn");
    const order = orderPaidBody({ lines: [{ productNumber: product, price: "249.00", quantity: 1, showId: show.id }] });
    const eventId = randomUUID();

    const first = await deliver("orders/paid", shop, order, eventId);
    const duplicate = await deliver("orders/paid", shop, order, eventId);
    const resent = await deliver("orders/paid", shop, order);

    expect([first.status, duplicate.status, resent.status]).toEqual([200, 200, 200]);
    expect(duplicate.headers.get("x-duplicate")).toBe("1");
    const entries = await entriesOf(shop);
    expect(entries.map((entry) => [entry.kind, entry.creatorId, entry.showId, entry.amountMinor, entry.currency])).toEqual([
      ["earn", creator.id, show.id, 3735, "EUR"],
    ]);
    expect(await creatorBalance(shop, creator.id, LATER)).toEqual([{ currency: "EUR", balanceMinor: 3735 }]);
  });

  it("claws back a partial refund", async () => {
    const { shop, product, show, creator } = await showShop("http-refund");
    const order = orderPaidBody({ lines: [{ productNumber: product, price: "100.00", quantity: 4, showId: show.id }] });
    expect((await deliver("orders/paid", shop, order)).status).toBe(200);

    const response = await deliver("refunds/create", shop, refundCreateBody(order, [{ lineIndex: 0, quantity: 1 }]));

    expect(response.status).toBe(200);
    expect((await entriesOf(shop)).map((entry) => [entry.kind, entry.amountMinor, entry.quantity])).toEqual([
      ["earn", 6000, 4],
      ["clawback", -1500, 1],
    ]);
    expect(await creatorBalance(shop, creator.id, LATER)).toEqual([{ currency: "EUR", balanceMinor: 4500 }]);
  });

  it("asks Shopify to retry a refund that overtook its orders/paid, and acts on the retry", async () => {
    const { shop, product, show } = await showShop("http-overtaken");
    const order = orderPaidBody({ lines: [{ productNumber: product, price: "10.00", showId: show.id }] });
    const refund = refundCreateBody(order, [{ lineIndex: 0, quantity: 1 }]);
    const refundEvent = randomUUID();

    const early = await deliver("refunds/create", shop, refund, refundEvent);
    expect(early.status).toBe(503);
    expect((await early.json()).error).toContain(order.line_items[0]?.admin_graphql_api_id);

    expect((await deliver("orders/paid", shop, order)).status).toBe(200);
    const retry = await deliver("refunds/create", shop, refund, refundEvent);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("x-duplicate")).toBeNull();
    expect((await entriesOf(shop)).map((entry) => entry.amountMinor)).toEqual([150, -150]);
  });

  it("answers 400 to a price with more decimals than the shop's currency has, and records nothing", async () => {
    const { shop, product, show } = await showShop("http-malformed");
    const response = await deliver("orders/paid", shop, orderPaidBody({ currency: "JPY", lines: [{ productNumber: product, price: "1990.50", showId: show.id }] }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/line_items\.0\.price 1990\.50 has more decimals than JPY allows/);
    expect(await entriesOf(shop)).toEqual([]);
  });

  it("keeps shops apart: another shop can neither earn on a shop's show nor claw back its earnings", async () => {
    const { shop, product, show, creator } = await showShop("http-tenant");
    const intruder = uniqueShop("http-intruder");
    const order = orderPaidBody({ lines: [{ productNumber: product, price: "80.00", quantity: 2, showId: show.id }] });
    expect((await deliver("orders/paid", shop, order)).status).toBe(200);
    const before = await entriesOf(shop);

    // The same order and refund, signed with the app's secret, but arriving for another shop.
    const forgedOrder = await deliver("orders/paid", intruder, orderPaidBody({ cartShowId: show.id, lines: [{ productNumber: product, price: "80.00", showId: show.id }] }));
    const replayedOrder = await deliver("orders/paid", intruder, order);
    const foreignRefund = await deliver("refunds/create", intruder, refundCreateBody(order, [{ lineIndex: 0, quantity: 2 }]));

    expect([forgedOrder.status, replayedOrder.status, foreignRefund.status]).toEqual([200, 200, 200]);
    expect(await entriesOf(intruder)).toEqual([]);
    expect(await entriesOf(shop)).toEqual(before);
    expect(await creatorBalance(shop, creator.id, LATER)).toEqual([{ currency: "EUR", balanceMinor: 2400 }]);
    expect(await creatorBalance(intruder, creator.id, LATER)).toEqual([]);
    expect(await payableEntries(intruder, LATER)).toEqual({ payable: [], carriedForward: [], nettedToZero: [] });
    expect(app.logs()).toContain(`Commission not earned: shop=${intruder}`);
  });
});
