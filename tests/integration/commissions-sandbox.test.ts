// Commissions from the Shopify emulator's own checkout and refunds: its orders/paid and
// refunds/create bodies (ids past 2^53, money as decimal strings, shop-local times), signed
// and delivered as Shopify does, duplicated and out of order when asked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { creatorBalance } from "~/commissions/ledger.server";
import { SHOW_CLAIM_KEY } from "~/commissions/show-claim";
import { uniqueShop } from "../support/order-payloads";
import { createShowWithCreator } from "../support/commission-shows";
import prisma from "~/db.server";
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

/** A sandbox shop selling one scarf at 499.00 SEK, and a live show with the scarf in its lineup. */
async function sandboxShopWithLiveShow(label: string) {
  const shop = uniqueShop(label);
  const store = emulator.state.newLocation("Store", true);
  emulator.state.createShop({ domain: shop, currencyCode: "SEK", ianaTimezone: "Europe/Stockholm", locations: [store] });
  const product = emulator.state.addProduct(shop, {
    handle: "scarf",
    title: "Scarf",
    imageUrl: "http://x/scarf.svg",
    options: [{ name: "Color", values: ["Red"] }],
    variants: [{ optionValues: ["Red"], sku: "SC-R", price: 49900, stock: { [store.id]: 10 } }],
  });
  const variant = product.variants[0];
  if (!variant) throw new Error("the product has a variant");
  const { show, creator } = await createShowWithCreator(shop, {
    lineup: [Number(product.id.split("/").pop())],
    wentLiveAt: new Date(emulator.state.now().getTime() - 3_600_000),
    creatorBps: 1000,
  });
  if (!creator) throw new Error("the fixture has a creator");
  const buyDuringShow = (quantity: number) =>
    emulator.state.createPaidOrder(shop, { lines: [{ variantId: variant.id, quantity, properties: [{ name: SHOW_CLAIM_KEY, value: show.id }] }] });
  return { shop, show, creator, buyDuringShow };
}

const entriesOf = (shop: string) =>
  prisma.commissionEntry.findMany({ where: { shop }, orderBy: [{ kind: "desc" }, { refundId: "asc" }], select: { kind: true, amountMinor: true, currency: true, quantity: true, lineItemId: true } });
const afterTheHold = () => new Date(emulator.state.now().getTime() + 15 * 86_400_000);

describe("commissions from the Shopify sandbox", () => {
  it("earns on a checkout of a show product once, though every webhook arrives twice, and claws back a partial refund", async () => {
    const { shop, creator, buyDuringShow } = await sandboxShopWithLiveShow("sandbox-earn");
    emulator.webhooks.configure({ duplicate: true });

    const order = buyDuringShow(2);
    await emulator.webhooks.settled();
    const line = order.lines[0];
    if (!line) throw new Error("the order has a line");
    expect(BigInt(line.id.split("/").pop() ?? "0")).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    // 2 × 499.00 SEK at 10%
    expect(await entriesOf(shop)).toEqual([{ kind: "earn", amountMinor: 9980, currency: "SEK", quantity: 2, lineItemId: line.id }]);

    emulator.state.refundOrder(shop, order.id, [{ lineId: line.id, quantity: 1 }]);
    await emulator.webhooks.settled();

    expect((await entriesOf(shop)).map((entry) => [entry.kind, entry.amountMinor, entry.quantity])).toEqual([
      ["earn", 9980, 2],
      ["clawback", -4990, 1],
    ]);
    expect(await creatorBalance(shop, creator.id, afterTheHold())).toEqual([{ currency: "SEK", balanceMinor: 4990 }]);
  });

  it("claws back a refund that Shopify delivers before the order's orders/paid, through Shopify's retry", async () => {
    const { shop, creator, buyDuringShow } = await sandboxShopWithLiveShow("sandbox-reordered");
    emulator.webhooks.configure({ outOfOrder: { order: "reverse", batchSize: 1_000 }, backoffMs: 200 });

    const order = buyDuringShow(1);
    const line = order.lines[0];
    if (!line) throw new Error("the order has a line");
    emulator.state.refundOrder(shop, order.id, [{ lineId: line.id, quantity: 1 }]);
    await emulator.webhooks.settled();

    const refundAttempts = emulator.webhooks.attemptsFor({ shop, topic: "refunds/create" }).map((attempt) => attempt.status);
    expect(refundAttempts[0]).toBe(503);
    expect(refundAttempts.at(-1)).toBe(200);
    expect((await entriesOf(shop)).map((entry) => [entry.kind, entry.amountMinor])).toEqual([
      ["earn", 4990],
      ["clawback", -4990],
    ]);
    expect(await creatorBalance(shop, creator.id, afterTheHold())).toEqual([{ currency: "SEK", balanceMinor: 0 }]);
  });
});
