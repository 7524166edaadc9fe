import { beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { orderPaid, refundCreate } from "./payloads";
import { recordOrderCommissions } from "./attribution.server";
import { recordRefundClawbacks } from "./clawbacks.server";
import { shifted } from "../../tests/support/clock";
import { creatorBalance } from "./ledger.server";
import { nextProductNumber, orderPaidBody, refundCreateBody, shopifyTime, uniqueShop, type LineFixture } from "../../tests/support/order-payloads";
import { createShowWithCreator } from "../../tests/support/commission-shows";
import { log } from "~/lib/log.server";

type OrderBody = ReturnType<typeof orderPaidBody>;

const refund = (shop: string, order: OrderBody, lines: { lineIndex: number; quantity: number }[], refundedAt?: Date) =>
  recordRefundClawbacks(shop, refundCreate.parse(refundCreateBody(order, lines, refundedAt && shopifyTime(refundedAt))));
const clawbacksOf = (shop: string) => prisma.commissionEntry.findMany({ where: { shop, kind: "clawback" }, orderBy: { refundId: "asc" } }); // refund ids increase in the order the test made them
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

beforeEach(() => {
  vi.spyOn(log, "warn").mockImplementation(() => {});
  vi.spyOn(log, "info").mockImplementation(() => {});
});

/** A shop with a live show and one paid, attributed order whose lines are given, placed during the show and maturing after the 14-day hold. */
async function paidShowOrder(label: string, lines: (showId: string, product: number) => LineFixture[], creatorBps = 1000) {
  const shop = uniqueShop(label);
  const product = nextProductNumber();
  const { show, creator } = await createShowWithCreator(shop, { lineup: [product], creatorBps });
  const order = orderPaidBody({ lines: lines(show.id, product) });
  await recordOrderCommissions(shop, orderPaid.parse(order));
  const earning = await prisma.commissionEntry.findFirstOrThrow({ where: { shop, kind: "earn" } });
  if (!creator) throw new Error("the fixture has a creator");
  return { shop, show, creator, order, earning };
}

describe("clawbacks from refunds/create", () => {
  it("takes back the refunded share of a partial refund, and the rest when the remainder is refunded", async () => {
    const { shop, order, earning } = await paidShowOrder("claw-partial", (showId, product) => [
      { productNumber: product, price: "199.00", quantity: 2, discountAllocations: ["19.90"], showId },
    ]);
    expect(earning.amountMinor).toBe(3781);

    await refund(shop, order, [{ lineIndex: 0, quantity: 1 }]);
    const [first] = await clawbacksOf(shop);
    // Half of 37.81 is 18.905: the cumulative share rounds half up to 18.91.
    expect(first).toMatchObject({ kind: "clawback", amountMinor: -1891, quantity: 1, salesAmountMinor: -18905n, rateBps: 1000, payoutId: null });
    expect(first).toMatchObject({ creatorId: earning.creatorId, showId: earning.showId, orderId: earning.orderId, lineItemId: earning.lineItemId, currency: "EUR" });

    await refund(shop, order, [{ lineIndex: 0, quantity: 1 }]);
    const clawbacks = await clawbacksOf(shop);
    expect(clawbacks.map((entry) => entry.amountMinor)).toEqual([-1891, -1890]);
    expect(earning.amountMinor + sum(clawbacks.map((entry) => entry.amountMinor))).toBe(0);
    expect(sum(clawbacks.map((entry) => Number(entry.salesAmountMinor)))).toBe(-Number(earning.salesAmountMinor));
  });

  it("cancels a full refund exactly, in one step or in several", async () => {
    const whole = await paidShowOrder("claw-full", (showId, product) => [{ productNumber: product, price: "33.33", quantity: 3, showId }], 1234);
    await refund(whole.shop, whole.order, [{ lineIndex: 0, quantity: 3 }]);
    expect((await clawbacksOf(whole.shop)).map((entry) => entry.amountMinor)).toEqual([-whole.earning.amountMinor]);

    const steps = await paidShowOrder("claw-steps", (showId, product) => [{ productNumber: product, price: "33.33", quantity: 3, showId }], 1234);
    for (let step = 0; step < 3; step += 1) await refund(steps.shop, steps.order, [{ lineIndex: 0, quantity: 1 }]);
    const amounts = (await clawbacksOf(steps.shop)).map((entry) => entry.amountMinor);
    // 99.99 × 12.34% = 12.338766 → 1234 cents; a third is 411.33…: 411, then 823 − 411, then 1234 − 823.
    expect(amounts).toEqual([-411, -412, -411]);
    expect(steps.earning.amountMinor + sum(amounts)).toBe(0);
  });

  it("never takes back more than was earned, even when refunds name more units than are left", async () => {
    const { shop, order, earning } = await paidShowOrder("claw-over", (showId, product) => [{ productNumber: product, price: "10.00", quantity: 2, showId }]);
    await refund(shop, order, [{ lineIndex: 0, quantity: 1 }]);
    await refund(shop, order, [{ lineIndex: 0, quantity: 5 }]);
    const result = await refund(shop, order, [{ lineIndex: 0, quantity: 1 }]);
    expect(result.clawedBack).toEqual([]);
    expect((await clawbacksOf(shop)).map((entry) => [entry.quantity, entry.amountMinor])).toEqual([
      [1, -100],
      [1, -100],
    ]);
    expect(earning.amountMinor).toBe(200);
  });

  it("is idempotent per refund line when Shopify delivers the refund again", async () => {
    const { shop, order } = await paidShowOrder("claw-twice", (showId, product) => [{ productNumber: product, price: "10.00", quantity: 2, showId }]);
    const body = refundCreate.parse(refundCreateBody(order, [{ lineIndex: 0, quantity: 1 }]));
    const first = await recordRefundClawbacks(shop, body);
    const second = await recordRefundClawbacks(shop, body);
    expect(first.clawedBack.map((entry) => [entry.amountMinor, entry.newlyRecorded])).toEqual([[-100, true]]);
    expect(second.clawedBack.map((entry) => [entry.amountMinor, entry.newlyRecorded])).toEqual([[-100, false]]);
    expect(await clawbacksOf(shop)).toHaveLength(1);
  });

  it("shares the units correctly when two refunds of one line arrive at the same time", async () => {
    // 0.30 × 33.33% = 9.999 → 10 cents. Refunded one unit at a time the steps are 3, 4 and 3;
    // refunds that did not see each other would each take 3 and leave a cent unrecovered.
    const { shop, order, earning } = await paidShowOrder("claw-race", (showId, product) => [{ productNumber: product, price: "0.10", quantity: 3, showId }], 3333);
    expect(earning.amountMinor).toBe(10);
    await Promise.all([1, 2, 3].map(() => refund(shop, order, [{ lineIndex: 0, quantity: 1 }])));
    const clawbacks = await clawbacksOf(shop);
    expect(clawbacks.map((entry) => entry.quantity)).toEqual([1, 1, 1]);
    expect(clawbacks.map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([-4, -3, -3]);
  });

  it("records the clawback of an already-paid earning unpaid, so it nets against the next payout", async () => {
    const { shop, creator, order, earning } = await paidShowOrder("claw-paid", (showId, product) => [{ productNumber: product, price: "100.00", quantity: 1, showId }]);
    const run = await prisma.payoutRun.create({ data: { shop } });
    const payout = await prisma.payout.create({
      data: { shop, runId: run.id, creatorId: creator.id, amountMinor: earning.amountMinor, currency: "EUR", idempotencyKey: `test-${run.id}`, status: "paid" },
    });
    await prisma.commissionEntry.update({ where: { id: earning.id }, data: { payoutId: payout.id } });

    const refundedAt = shifted(earning.maturesAt, { days: 5 });
    await refund(shop, order, [{ lineIndex: 0, quantity: 1 }], refundedAt);

    const [clawback] = await clawbacksOf(shop);
    expect(clawback).toMatchObject({ amountMinor: -1000, payoutId: null });
    // The earning matured days before the refund; the clawback counts from the refund.
    expect(clawback?.maturesAt.toISOString()).toBe(refundedAt.toISOString());
    expect(await creatorBalance(shop, creator.id, shifted(refundedAt, { hours: 15 }))).toEqual([{ currency: "EUR", balanceMinor: -1000 }]);
  });

  it("matures a clawback with its earning when the refund comes before the hold ends, so neither is ever paid", async () => {
    const { shop, creator, order, earning } = await paidShowOrder("claw-early", (showId, product) => [{ productNumber: product, price: "100.00", quantity: 1, showId }]);
    // The day after the order, thirteen days before its earning matures.
    await refund(shop, order, [{ lineIndex: 0, quantity: 1 }], shifted(earning.maturesAt, { days: -13 }));
    const [clawback] = await clawbacksOf(shop);
    expect(clawback?.maturesAt.toISOString()).toBe(earning.maturesAt.toISOString());
    expect(await creatorBalance(shop, creator.id, shifted(earning.maturesAt, { days: -5 }))).toEqual([]);
    expect(await creatorBalance(shop, creator.id, shifted(earning.maturesAt, { hours: 6 }))).toEqual([{ currency: "EUR", balanceMinor: 0 }]);
  });

  it("ignores refunded lines that earned nothing and claim no show", async () => {
    const { shop, order } = await paidShowOrder("claw-plain", (showId, product) => [
      { productNumber: product, price: "10.00", showId },
      { productNumber: nextProductNumber(), price: "99.00" },
    ]);
    const result = await refund(shop, order, [{ lineIndex: 1, quantity: 1 }]);
    expect(result).toEqual({ clawedBack: [], awaitingEarning: [] });
    expect(await clawbacksOf(shop)).toEqual([]);
  });

  it("takes nothing back for a show line listed with no units returned", async () => {
    const { shop, order } = await paidShowOrder("claw-zero", (showId, product) => [{ productNumber: product, price: "10.00", showId }]);
    expect(await refund(shop, order, [{ lineIndex: 0, quantity: 0 }])).toEqual({ clawedBack: [], awaitingEarning: [] });
    expect(await clawbacksOf(shop)).toEqual([]);
  });

  it("asks to wait when a refund overtakes the orders/paid of a line that would earn, and claws back once it is there", async () => {
    const shop = uniqueShop("claw-overtaken");
    const product = nextProductNumber();
    const { show } = await createShowWithCreator(shop, { lineup: [product] });
    const order = orderPaidBody({ lines: [{ productNumber: product, price: "10.00", showId: show.id }] });
    const body = refundCreate.parse(refundCreateBody(order, [{ lineIndex: 0, quantity: 1 }]));

    expect(await recordRefundClawbacks(shop, body)).toEqual({ clawedBack: [], awaitingEarning: [order.line_items[0]?.admin_graphql_api_id] });

    await recordOrderCommissions(shop, orderPaid.parse(order));
    const retried = await recordRefundClawbacks(shop, body);
    expect(retried.awaitingEarning).toEqual([]);
    expect(retried.clawedBack.map((entry) => entry.amountMinor)).toEqual([-100]);
  });

  it("does not wait for an earning that a rehearsal's or a forged claim never gets", async () => {
    const shop = uniqueShop("claw-never");
    const product = nextProductNumber();
    const { show: rehearsal } = await createShowWithCreator(shop, { lineup: [product], mode: "rehearsal" });
    const order = orderPaidBody({
      lines: [
        { productNumber: product, price: "10.00", showId: rehearsal.id },
        { productNumber: product, price: "10.00", showId: "forged" },
      ],
    });
    await recordOrderCommissions(shop, orderPaid.parse(order));
    const result = await refund(shop, order, [
      { lineIndex: 0, quantity: 1 },
      { lineIndex: 1, quantity: 1 },
    ]);
    expect(result).toEqual({ clawedBack: [], awaitingEarning: [] });
  });

  it("cannot touch another shop's earnings, even naming the same line", async () => {
    const { shop, creator, order, earning } = await paidShowOrder("claw-tenant", (showId, product) => [{ productNumber: product, price: "10.00", showId }]);
    const intruder = uniqueShop("claw-intruder");

    const result = await refund(intruder, order, [{ lineIndex: 0, quantity: 1 }]);

    expect(result).toEqual({ clawedBack: [], awaitingEarning: [] });
    expect(await prisma.commissionEntry.count({ where: { kind: "clawback", lineItemId: order.line_items[0]?.admin_graphql_api_id } })).toBe(0);
    expect(await creatorBalance(shop, creator.id, shifted(earning.maturesAt, { days: 17 }))).toEqual([{ currency: "EUR", balanceMinor: 100 }]);
  });
});
