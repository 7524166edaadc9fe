import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { fromNow } from "../../tests/support/clock";
import { creatorBalance, payableEntries } from "./ledger.server";
import { nextIdNumber, uniqueShop } from "../../tests/support/order-payloads";

const NOW = new Date();
const BEFORE = fromNow({ days: -5 });
const AFTER = fromNow({ days: 9 });

async function creatorIn(shop: string, name: string) {
  return prisma.creator.create({ data: { shop, email: `${name}@${shop}`, name } });
}

async function entry(shop: string, creatorId: string, amountMinor: number, currency: string, maturesAt: Date, payoutId: string | null = null) {
  const line = nextIdNumber();
  return prisma.commissionEntry.create({
    data: {
      shop,
      creatorId,
      showId: "show",
      orderId: "gid://shopify/Order/1",
      lineItemId: `gid://shopify/LineItem/${line}`,
      refundId: amountMinor < 0 ? `gid://shopify/Refund/${line}` : "",
      kind: amountMinor < 0 ? "clawback" : "earn",
      amountMinor,
      currency,
      maturesAt,
      payoutId,
      quantity: 1,
    },
  });
}

describe("the commission ledger", () => {
  it("sums a creator's matured, unpaid entries per currency, leaving out unmatured and paid ones", async () => {
    const shop = uniqueShop("ledger");
    const ada = await creatorIn(shop, "ada");
    const run = await prisma.payoutRun.create({ data: { shop } });
    const payout = await prisma.payout.create({ data: { shop, runId: run.id, creatorId: ada.id, amountMinor: 700, currency: "EUR", idempotencyKey: `k-${run.id}` } });
    await entry(shop, ada.id, 1000, "EUR", BEFORE);
    await entry(shop, ada.id, -250, "EUR", BEFORE);
    await entry(shop, ada.id, 700, "EUR", BEFORE, payout.id);
    await entry(shop, ada.id, 5000, "EUR", AFTER);
    await entry(shop, ada.id, 1990, "JPY", NOW);

    expect(await creatorBalance(shop, ada.id, NOW)).toEqual([
      { currency: "EUR", balanceMinor: 750 },
      { currency: "JPY", balanceMinor: 1990 },
    ]);
    expect(await creatorBalance(shop, ada.id, BEFORE)).toEqual([{ currency: "EUR", balanceMinor: 750 }]);
  });

  it("reports a negative balance, which carries forward until later earnings outweigh it", async () => {
    const shop = uniqueShop("ledger-negative");
    const ada = await creatorIn(shop, "ada");
    await entry(shop, ada.id, -1000, "EUR", BEFORE);
    await entry(shop, ada.id, 400, "EUR", NOW);
    await entry(shop, ada.id, 900, "EUR", AFTER);

    expect(await creatorBalance(shop, ada.id, NOW)).toEqual([{ currency: "EUR", balanceMinor: -600 }]);
    expect((await payableEntries(shop, NOW)).carriedForward.map((balance) => balance.balanceMinor)).toEqual([-600]);
    const later = await payableEntries(shop, AFTER);
    expect(later.payable.map((balance) => [balance.balanceMinor, balance.entryIds.length])).toEqual([[300, 3]]);
  });

  it("groups payable entries per creator and currency within the shop only", async () => {
    const shop = uniqueShop("ledger-groups");
    const other = uniqueShop("ledger-other");
    const ada = await creatorIn(shop, "ada");
    const bo = await creatorIn(shop, "bo");
    const stranger = await creatorIn(other, "cy");
    const adaEur = await entry(shop, ada.id, 1200, "EUR", BEFORE);
    const adaSek = await entry(shop, ada.id, 300, "SEK", BEFORE);
    const boEur = await entry(shop, bo.id, -50, "EUR", BEFORE);
    await entry(other, stranger.id, 999, "EUR", BEFORE);

    const ledger = await payableEntries(shop, NOW);

    expect(ledger.payable).toEqual([
      { creatorId: ada.id, currency: "EUR", balanceMinor: 1200, entryIds: [adaEur.id] },
      { creatorId: ada.id, currency: "SEK", balanceMinor: 300, entryIds: [adaSek.id] },
    ]);
    expect(ledger.carriedForward).toEqual([{ creatorId: bo.id, currency: "EUR", balanceMinor: -50, entryIds: [boEur.id] }]);
    expect(ledger.nettedToZero).toEqual([]);
    expect(await creatorBalance(shop, stranger.id, NOW)).toEqual([]);
    expect(await creatorBalance(other, ada.id, NOW)).toEqual([]);
  });
});
