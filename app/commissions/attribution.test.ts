import { beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import prisma from "~/db.server";
import { orderPaid } from "./payloads";
import { fromNow, shifted, wholeSeconds } from "../../tests/support/clock";
import { recordOrderCommissions } from "./attribution.server";
import { nextProductNumber, orderPaidBody, shopifyTime, uniqueShop, type OrderFixture } from "../../tests/support/order-payloads";
import { createShowWithCreator } from "../../tests/support/commission-shows";
import { log } from "~/lib/log.server";

const attribute = (shop: string, order: ReturnType<typeof orderPaidBody>) => recordOrderCommissions(shop, orderPaid.parse(order));
const body = (order: OrderFixture) => orderPaidBody(order);
const entriesOf = (shop: string) => prisma.commissionEntry.findMany({ where: { shop }, orderBy: { lineItemId: "asc" } });

let warn: MockInstance<typeof log.warn>;
let info: MockInstance<typeof log.info>;
beforeEach(() => {
  warn = vi.spyOn(log, "warn").mockImplementation(() => {});
  info = vi.spyOn(log, "info").mockImplementation(() => {});
});

describe("attributing orders/paid to a show's creator", () => {
  it("records one earning for a lineup product bought during the show, maturing after the 14-day default hold", async () => {
    const shop = uniqueShop("attr");
    const product = nextProductNumber();
    const { show, creator } = await createShowWithCreator(shop, { lineup: [product], creatorBps: 1000 });
    const placedAt = wholeSeconds(fromNow({ minutes: -45 }));
    const order = body({
      createdAt: shopifyTime(placedAt),
      lines: [{ productNumber: product, price: "199.00", quantity: 2, discountAllocations: ["19.90"], showId: show.id }],
    });

    await attribute(shop, order);

    const entries = await entriesOf(shop);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      shop,
      creatorId: creator?.id,
      showId: show.id,
      orderId: order.admin_graphql_api_id,
      lineItemId: order.line_items[0]?.admin_graphql_api_id,
      refundId: "",
      kind: "earn",
      // (199.00 × 2 − 19.90) × 10% = 37.81, tax and shipping left out
      amountMinor: 3781,
      currency: "EUR",
      quantity: 2,
      salesAmountMinor: 37810n,
      rateBps: 1000,
      payoutId: null,
    });
    expect(entries[0]?.maturesAt.toISOString()).toBe(shifted(placedAt, { days: 14 }).toISOString());
    expect(warn).not.toHaveBeenCalled();
  });

  it("uses the shop's hold period and the show's own rate", async () => {
    const shop = uniqueShop("attr-rate");
    await prisma.shop.create({ data: { domain: shop, commissionHoldDays: 3, currency: "JPY" } });
    const product = nextProductNumber();
    const { show } = await createShowWithCreator(shop, { lineup: [product], creatorBps: 1000, showBps: 1250 });

    const placedAt = wholeSeconds(fromNow({ minutes: -30 }));
    await attribute(shop, body({ currency: "JPY", createdAt: placedAt.toISOString(), lines: [{ productNumber: product, price: "1999", showId: show.id }] }));

    const [entry] = await entriesOf(shop);
    // 1999 × 12.5% = 249.875 → 250 yen
    expect(entry).toMatchObject({ amountMinor: 250, currency: "JPY", rateBps: 1250 });
    expect(entry?.maturesAt.toISOString()).toBe(shifted(placedAt, { days: 3 }).toISOString());
  });

  it("falls back to the cart attribute, and earns only for the lines that were in the lineup", async () => {
    const shop = uniqueShop("attr-cart");
    const inLineup = nextProductNumber();
    const elsewhere = nextProductNumber();
    const { show } = await createShowWithCreator(shop, { lineup: [inLineup] });

    const result = await attribute(
      shop,
      body({ cartShowId: show.id, lines: [{ productNumber: inLineup, price: "50.00" }, { productNumber: elsewhere, price: "80.00" }] }),
    );

    expect((await entriesOf(shop)).map((entry) => entry.amountMinor)).toEqual([500]);
    expect(result.refused).toEqual([expect.objectContaining({ reason: expect.stringMatching(/not in the show's lineup/) })]);
    // Shoppers keep shopping after a show: a cart attribute on other lines is routine, not suspicious.
    expect(warn).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledWith(expect.stringContaining(`shop=${shop}`));
  });

  it("records nothing for lines without a claim", async () => {
    const shop = uniqueShop("attr-none");
    const product = nextProductNumber();
    await createShowWithCreator(shop, { lineup: [product] });
    expect(await attribute(shop, body({ lines: [{ productNumber: product, price: "10.00" }] }))).toEqual({ earned: [], refused: [] });
    expect(await entriesOf(shop)).toEqual([]);
  });

  it("is idempotent per order line when Shopify delivers the order again", async () => {
    const shop = uniqueShop("attr-twice");
    const product = nextProductNumber();
    const { show } = await createShowWithCreator(shop, { lineup: [product] });
    const order = body({ lines: [{ productNumber: product, price: "10.00", showId: show.id }] });

    const first = await attribute(shop, order);
    // A later change of rate does not rewrite what was earned.
    await prisma.show.update({ where: { id: show.id }, data: { commissionBps: 5000 } });
    const second = await attribute(shop, order);

    expect(first.earned.map((line) => line.newlyRecorded)).toEqual([true]);
    expect(second.earned.map((line) => line.newlyRecorded)).toEqual([false]);
    expect((await entriesOf(shop)).map((entry) => entry.amountMinor)).toEqual([100]);
  });

  describe("a forged or stale claim earns nothing and is logged with shop, order and reason", () => {
    async function expectRefused(shop: string, order: ReturnType<typeof orderPaidBody>, reason: RegExp) {
      const result = await attribute(shop, order);
      expect(result.earned).toEqual([]);
      expect(await entriesOf(shop)).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      const [message] = warn.mock.calls[0] ?? [];
      expect(message).toContain(`shop=${shop}`);
      expect(message).toContain(`order=${order.admin_graphql_api_id}`);
      expect(message).toMatch(reason);
    }

    it("an unknown show", async () => {
      const shop = uniqueShop("forged-unknown");
      const product = nextProductNumber();
      await createShowWithCreator(shop, { lineup: [product] });
      await expectRefused(shop, body({ lines: [{ productNumber: product, price: "10.00", showId: "c-not-a-show" }] }), /no show with this id/);
    });

    it("another shop's show, even when the product is in its lineup", async () => {
      const shop = uniqueShop("forged-own");
      const other = uniqueShop("forged-other");
      const product = nextProductNumber();
      const { show: othersShow } = await createShowWithCreator(other, { lineup: [product] });
      await expectRefused(shop, body({ lines: [{ productNumber: product, price: "10.00", showId: othersShow.id }] }), /no show with this id in this shop/);
      expect(await entriesOf(other)).toEqual([]);
    });

    it("a show that was not live when the order was placed", async () => {
      const shop = uniqueShop("forged-early");
      const product = nextProductNumber();
      const wentLiveAt = fromNow({ minutes: -30 });
      const { show } = await createShowWithCreator(shop, { lineup: [product], wentLiveAt });
      // Written at +01:00 as Shopify does: read as UTC, this minute before going live would be 59 minutes after.
      const order = body({ createdAt: shopifyTime(shifted(wentLiveAt, { minutes: -1 })), lines: [{ productNumber: product, price: "10.00", showId: show.id }] });
      await expectRefused(shop, order, /before the show went live/);
    });

    it("a scheduled show", async () => {
      const shop = uniqueShop("forged-scheduled");
      const product = nextProductNumber();
      const { show } = await createShowWithCreator(shop, { lineup: [product], status: "scheduled", wentLiveAt: null });
      await expectRefused(shop, body({ lines: [{ productNumber: product, price: "10.00", showId: show.id }] }), /scheduled, not live or in replay/);
    });

    it("a rehearsal", async () => {
      const shop = uniqueShop("forged-rehearsal");
      const product = nextProductNumber();
      const { show } = await createShowWithCreator(shop, { lineup: [product], mode: "rehearsal" });
      await expectRefused(shop, body({ lines: [{ productNumber: product, price: "10.00", showId: show.id }] }), /rehearsal/);
    });

    it("a product that was not in the lineup", async () => {
      const shop = uniqueShop("forged-product");
      const { show } = await createShowWithCreator(shop, { lineup: [nextProductNumber()] });
      await expectRefused(shop, body({ lines: [{ productNumber: nextProductNumber(), price: "10.00", showId: show.id }] }), /was not in the show's lineup/);
    });
  });
});

describe("a rate outside 0–100%", () => {
  it("fails the delivery with what to fix, so Shopify's retry can record the sale once it is corrected", async () => {
    const shop = uniqueShop("attr-bad-rate");
    const product = nextProductNumber();
    const { show } = await createShowWithCreator(shop, { lineup: [product], showBps: 12_000 });
    const order = body({ lines: [{ productNumber: product, price: "10.00", showId: show.id }] });

    await expect(attribute(shop, order)).rejects.toThrow(`Show ${show.id} of ${shop} pays 12000 basis points`);
    await prisma.show.update({ where: { id: show.id }, data: { commissionBps: 2000 } });
    await attribute(shop, order);
    expect((await entriesOf(shop)).map((entry) => entry.amountMinor)).toEqual([200]);
  });
});
