// A creator's report from the database: only their aired public shows, only the shop's rows.
// Another shop's show naming this creator's id, and another shop's rows filed under this
// creator's show, are never counted; another shop cannot read the creator at all.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { fromNow } from "../../tests/support/clock";
import { getCreatorReport, getCreatorReportCsv } from "./creator-report.server";
import { minuteOf } from "./viewer-activity";

async function world() {
  const shopA = `creator-report-a-${randomUUID().slice(0, 8)}.myshopify.com`;
  const shopB = `creator-report-b-${randomUUID().slice(0, 8)}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shopA, currency: "SEK", timezone: "Europe/Stockholm" } });
  const creator = await prisma.creator.create({ data: { shop: shopA, email: "astrid@example.com", name: "Astrid Berg" } });
  const wentLiveAt = fromNow({ minutes: -90 });
  const endedAt = fromNow({ minutes: -30 });
  const aired = (shop: string, title: string, extra: object = {}) =>
    prisma.show.create({ data: { shop, title, startsAt: wentLiveAt, status: "ended", wentLiveAt, endedAt, creatorId: creator.id, ...extra } });
  const first = await aired(shopA, "Wool, live");
  const second = await aired(shopA, "Linen, live");
  // Neither counts: a rehearsal, and a show that never went live.
  const rehearsal = await aired(shopA, "Rehearsal", { mode: "rehearsal" });
  await prisma.show.create({ data: { shop: shopA, title: "Next week", startsAt: fromNow({ days: 7 }), status: "scheduled", creatorId: creator.id } });
  // Shop B's show names A's creator (a forged or corrupted row).
  const forged = await aired(shopB, "Not theirs");

  const minute = minuteOf(wentLiveAt.getTime()) + 1;
  const viewers = async (shop: string, showId: string, count: number, addedToCart = 0) => {
    for (let i = 0; i < count; i += 1) await prisma.showViewer.create({ data: { shop, showId, viewerId: randomUUID(), firstMinute: minute, addedToCart: i < addedToCart } });
  };
  const sold = (shop: string, showId: string, orderId: string, amountMinor: bigint) =>
    prisma.showSale.create({ data: { shop, showId, orderId, lineItemId: randomUUID(), productId: "gid://shopify/Product/1", quantity: 1, amountMinor, currency: "SEK", occurredAt: endedAt } });

  await prisma.showMinute.create({ data: { shop: shopA, showId: first.id, minute, watchSeconds: 600, views: 10 } });
  await prisma.showMinute.create({ data: { shop: shopA, showId: second.id, minute, watchSeconds: 300, views: 5 } });
  await viewers(shopA, first.id, 10, 2);
  await viewers(shopA, second.id, 5);
  await sold(shopA, first.id, "order-1", 49_900n);
  await sold(shopA, second.id, "order-2", 19_900n);
  // What must never count: the rehearsal's, the forged show's, and B's rows under A's show id.
  for (const [shop, showId] of [[shopA, rehearsal.id], [shopB, forged.id], [shopB, first.id]] as const) {
    await prisma.showMinute.create({ data: { shop, showId, minute: minute + (shop === shopB && showId === first.id ? 1 : 0), watchSeconds: 6_000, views: 100 } });
    await viewers(shop, showId, 100, 50);
    await sold(shop, showId, `order-${randomUUID()}`, 999_900n);
  }
  return { shopA, shopB, creator, first, second };
}

describe("a creator's report", () => {
  it("sums only their aired public shows, from their shop's rows alone", async () => {
    const { shopA, creator, first, second } = await world();
    const report = await getCreatorReport(shopA, creator.id);
    expect(report).not.toBeNull();
    expect(report?.showCount).toBe(2);
    expect(report?.shows.map((show) => show.id).sort()).toEqual([first.id, second.id].sort());
    expect(report?.total).toMatchObject({ uniqueViewers: 15, watchTime: "15 min", orders: 2, revenue: "698.00 SEK", conversion: "13.3 %", addToCarts: 0 });
    expect(report?.currency).toBe("SEK");
    expect(report?.timeZone).toBe("Europe/Stockholm");
  });

  it("is not another shop's to read", async () => {
    const { shopB, creator } = await world();
    expect(await getCreatorReport(shopB, creator.id)).toBeNull();
    expect(await getCreatorReportCsv(shopB, creator.id)).toBeNull();
  });

  it("exports a row per show and the totals, in the shop's currency and timezone", async () => {
    const { shopA, creator } = await world();
    const csv = await getCreatorReportCsv(shopA, creator.id);
    expect(csv?.fileName).toBe("shows-of-astrid-berg.csv");
    const lines = csv?.body.split("\r\n") ?? [];
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(/^Total,,Europe\/Stockholm,\d+,[\d.]+,15,15,0,2,2,698\.00,SEK,13\.3,349\.00$/);
  });
});
