import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creatorFigures, mergeShowRows } from "./creator-report";
import { overviewCsv } from "./overview-csv";
import { showFigures, type SaleRow, type ShowRows } from "./show-report";
import { MINUTE_MS } from "./viewer-activity";

// Fixed minutes, so every row reads plainly; the functions never read today's date.
const M0 = 29_500_000;
const sale = (orderId: string, quantity: number, amountMinor: bigint, minute = M0): SaleRow => ({
  orderId,
  productId: "gid://shopify/Product/1",
  quantity,
  amountMinor,
  occurredAt: new Date(minute * MINUTE_MS + 30_000),
});

/** A show of `minutes` minutes on air from `from`, with `viewers` unique viewers each watching it all and `peak` at once. */
function show(from: number, minutes: number, { viewers, peak, addedToCart = 0, sales = [] }: { viewers: number; peak: number; addedToCart?: number; sales?: SaleRow[] }) {
  const rows: ShowRows = {
    minutes: Array.from({ length: minutes }, (_, i) => ({ minute: from + i, watchSeconds: 60 * peak, addToCarts: i === 0 ? addedToCart : 0 })),
    peaks: Array.from({ length: minutes }, (_, i) => ({ minute: from + i, peak })),
    uniqueViewers: viewers,
    viewersWhoAddedToCart: addedToCart,
    sales,
  };
  return { rows, airTime: { fromMinute: from, untilMinute: from + minutes - 1 } };
}

describe("a creator's figures across their shows", () => {
  it("sums viewers, watch time, orders and revenue, and divides orders by viewers for conversion", () => {
    const first = show(M0, 10, { viewers: 40, peak: 10, addedToCart: 4, sales: [sale("o1", 2, 99_800n, M0), sale("o1", -1, -49_900n, M0 + 5)] });
    const second = show(M0 + 1_440, 30, { viewers: 60, peak: 20, addedToCart: 6, sales: [sale("o2", 1, 19_900n, M0 + 1_450), sale("o3", 1, 49_900n, M0 + 1_451)] });
    const figures = creatorFigures([first, second]);
    expect(figures).toMatchObject({
      peakViewers: 20,
      uniqueViewers: 100,
      watchSeconds: 10 * 600 + 30 * 1_200,
      addToCarts: 10,
      orders: 3,
      units: 3,
      revenueMinor: 119_700n,
      conversion: 0.03,
      addToCartRate: 0.1,
      averageOrderValueMinor: 39_900n,
    });
    // 10 minutes at 10 and 30 at 20: 17.5 at once on average over their 40 minutes on air.
    expect(figures.averageViewers).toBe(17.5);
  });

  it("counts an order that bought from two of their shows once", () => {
    const figures = creatorFigures([show(M0, 5, { viewers: 3, peak: 2, sales: [sale("o1", 1, 100n)] }), show(M0 + 60, 5, { viewers: 2, peak: 1, sales: [sale("o1", 1, 200n, M0 + 61)] })]);
    expect(figures).toMatchObject({ orders: 1, units: 2, revenueMinor: 300n, averageOrderValueMinor: 300n });
  });

  it("has nothing to divide without viewers or shows", () => {
    expect(creatorFigures([])).toMatchObject({ uniqueViewers: 0, conversion: null, addToCartRate: null, averageViewers: 0, averageOrderValueMinor: null });
  });

  it("one show's totals are that show's own figures", () => {
    const only = show(M0, 12, { viewers: 7, peak: 3, addedToCart: 2, sales: [sale("o1", 2, 500n)] });
    expect(creatorFigures([only])).toEqual(showFigures(only.rows, only.airTime));
  });

  it("totals are the sums of the shows' figures, whatever the shows (property)", () => {
    const shows = fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 50 }), minutes: fc.integer({ min: 1, max: 30 }), viewers: fc.integer({ min: 0, max: 500 }), peak: fc.integer({ min: 0, max: 300 }) }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(shows, (specs) => {
        const all = specs.map((spec, i) => show(M0 + i * 2_000 + spec.start, spec.minutes, { viewers: spec.viewers, peak: spec.peak }));
        const total = creatorFigures(all);
        const each = all.map((one) => showFigures(one.rows, one.airTime));
        expect(total.uniqueViewers).toBe(each.reduce((sum, figures) => sum + figures.uniqueViewers, 0));
        expect(total.watchSeconds).toBe(each.reduce((sum, figures) => sum + figures.watchSeconds, 0));
        expect(total.peakViewers).toBe(Math.max(0, ...each.map((figures) => figures.peakViewers)));
        expect(total.averageViewers).toBeLessThanOrEqual(total.peakViewers + 1e-9);
      }),
    );
  });

  it("merges rows without losing any", () => {
    const a = show(M0, 2, { viewers: 1, peak: 1, sales: [sale("o1", 1, 1n)] }).rows;
    const b = show(M0 + 10, 3, { viewers: 2, peak: 2 }).rows;
    const merged = mergeShowRows([a, b]);
    expect(merged.minutes).toHaveLength(5);
    expect(merged.peaks).toHaveLength(5);
    expect(merged.sales).toHaveLength(1);
    expect(merged.uniqueViewers).toBe(3);
  });
});

describe("the creator's CSV", () => {
  it("writes a row per show in the shop's timezone and currency, then their totals", () => {
    const first = show(M0, 10, { viewers: 40, peak: 10, sales: [sale("o1", 2, 99_800n)] });
    const wentLiveAt = new Date(Date.UTC(2026, 0, 15, 18, 0));
    const csv = overviewCsv(
      { currency: "SEK", timeZone: "Europe/Stockholm", shows: [{ id: "s1", title: "Wool, live", wentLiveAt, figures: showFigures(first.rows, first.airTime) }] },
      creatorFigures([first]),
    );
    const [header, row, total, end] = csv.split("\r\n");
    expect(header?.split(",").slice(0, 3)).toEqual(["show", "went_live", "timezone"]);
    expect(row).toBe('"Wool, live",2026-01-15 19:00,Europe/Stockholm,10,10.0,40,100,0,1,2,998.00,SEK,2.5,998.00');
    expect(total).toBe("Total,,Europe/Stockholm,10,10.0,40,100,0,1,2,998.00,SEK,2.5,998.00");
    expect(end).toBe("");
  });
});
