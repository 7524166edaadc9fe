import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_TIMELINE_MINUTES,
  airTimeOf,
  formatPercent,
  formatWatchTime,
  minuteStart,
  pinMinute,
  showFigures,
  showTimeline,
  type SaleRow,
  type ShowRows,
} from "./show-report";
import { MINUTE_MS, VIEWER_EVENT_TYPES, ViewerActivityBuffer, minuteOf, type ViewerEvent } from "./viewer-activity";

// A fixed minute, so every row's minute is plain to read.
const M0 = 29_500_000;
const at = (minute: number, seconds = 0) => new Date(minute * MINUTE_MS + seconds * 1000);
const NO_ROWS: ShowRows = { minutes: [], peaks: [], uniqueViewers: 0, viewersWhoAddedToCart: 0, sales: [] };
const sale = (orderId: string, quantity: number, amountMinor: bigint, minute = M0, productId = "gid://shopify/Product/1"): SaleRow => ({
  orderId,
  productId,
  quantity,
  amountMinor,
  occurredAt: at(minute, 30),
});

describe("showFigures", () => {
  it("sums a show's minutes, viewers and sales into its report", () => {
    const figures = showFigures(
      {
        minutes: [
          { minute: M0, watchSeconds: 600, addToCarts: 2 },
          { minute: M0 + 1, watchSeconds: 900, addToCarts: 1 },
        ],
        peaks: [
          { minute: M0, peak: 10 },
          { minute: M0 + 1, peak: 20 },
        ],
        uniqueViewers: 40,
        viewersWhoAddedToCart: 3,
        sales: [sale("o1", 2, 99_800n), sale("o2", 1, 49_900n)],
      },
      { fromMinute: M0, untilMinute: M0 + 3 },
    );
    expect(figures).toEqual({
      peakViewers: 20,
      // 30 viewer-minutes over four minutes on air
      averageViewers: 7.5,
      uniqueViewers: 40,
      watchSeconds: 1500,
      addToCarts: 3,
      orders: 2,
      units: 3,
      revenueMinor: 149_700n,
      conversion: 0.05,
      addToCartRate: 0.075,
      averageOrderValueMinor: 74_850n,
    });
  });

  it("subtracts refunds, and no longer counts an order refunded whole", () => {
    const figures = showFigures({ ...NO_ROWS, uniqueViewers: 10, sales: [sale("o1", 2, 99_800n), sale("o1", -1, -49_900n), sale("o2", 1, 15_000n), sale("o2", -1, -15_000n)] }, null);
    expect(figures).toMatchObject({ orders: 1, units: 1, revenueMinor: 49_900n, conversion: 0.1, averageOrderValueMinor: 49_900n });
  });

  it("has no rates and no average order value without viewers or orders, rather than dividing by zero", () => {
    expect(showFigures(NO_ROWS, null)).toMatchObject({ peakViewers: 0, averageViewers: 0, conversion: null, addToCartRate: null, averageOrderValueMinor: null });
  });

  it("rounds the average order value half away from zero", () => {
    expect(showFigures({ ...NO_ROWS, sales: [sale("o1", 1, 100n), sale("o2", 1, 101n), sale("o3", 1, 100n)] }, null).averageOrderValueMinor).toBe(100n);
    expect(showFigures({ ...NO_ROWS, sales: [sale("o1", 1, 100n), sale("o2", 1, 101n)] }, null).averageOrderValueMinor).toBe(101n);
  });
});

describe("airTimeOf", () => {
  it("runs from going live to ending, or to now while the show is live", () => {
    expect(airTimeOf(at(M0, 50), at(M0 + 30, 5), at(M0 + 99))).toEqual({ fromMinute: M0, untilMinute: M0 + 30 });
    expect(airTimeOf(at(M0), null, at(M0 + 12, 59))).toEqual({ fromMinute: M0, untilMinute: M0 + 12 });
    expect(airTimeOf(null, null, at(M0))).toBeNull();
  });
});

describe("showTimeline", () => {
  it("gives every minute on air its viewers and the orders placed in it, and the pins made on air", () => {
    const timeline = showTimeline(
      {
        peaks: [
          { minute: M0 + 1, peak: 4 },
          { minute: M0 + 9, peak: 99 },
        ],
        sales: [sale("o1", 1, 500n, M0 + 2, "p1"), sale("o1", 2, 300n, M0 + 2, "p2"), sale("o2", 1, 200n, M0 + 2), sale("o1", -1, -500n, M0 + 2), sale("o3", 1, 700n, M0 + 50)],
      },
      { fromMinute: M0, untilMinute: M0 + 2 },
      [
        { minute: M0 + 1, title: "Scarf" },
        { minute: M0 + 5, title: "After the show" },
      ],
    );
    expect(timeline.points).toEqual([
      { minute: M0, viewers: 0, orders: 0, revenueMinor: 0n },
      { minute: M0 + 1, viewers: 4, orders: 0, revenueMinor: 0n },
      { minute: M0 + 2, viewers: 0, orders: 2, revenueMinor: 1000n },
    ]);
    expect(timeline.pins).toEqual([{ minute: M0 + 1, title: "Scarf" }]);
  });

  it("cuts a show longer than a day at a day of minutes", () => {
    expect(showTimeline({ peaks: [], sales: [] }, { fromMinute: M0, untilMinute: M0 + 10_000 }, []).points).toHaveLength(MAX_TIMELINE_MINUTES);
  });

  it("places a pin by its offset into the stream", () => {
    expect(pinMinute(at(M0, 45), 20_000)).toBe(M0 + 1);
    expect(minuteStart(M0)).toEqual(at(M0));
  });
});

describe("formatting", () => {
  it.each([
    [0, "0 min"],
    [89, "1 min"],
    [3_540, "59 min"],
    [5_400, "1 h 30 min"],
  ])("writes %i s of watch time as %s", (seconds, text) => {
    expect(formatWatchTime(seconds)).toBe(text);
  });

  it("writes a rate as a percentage with one decimal, and a missing one as a dash", () => {
    expect(formatPercent(0.025)).toBe("2.5 %");
    expect(formatPercent(1 / 3)).toBe("33.3 %");
    expect(formatPercent(null)).toBe("–");
  });
});

// ---------------------------------------------------------------- properties

const SPAN_MINUTES = 10;
const eventArbitrary = fc.record({
  viewer: fc.integer({ min: 0, max: 7 }),
  n: fc.integer({ min: 1, max: 400 }),
  type: fc.constantFrom(...VIEWER_EVENT_TYPES),
  atMs: fc.integer({ min: 0, max: SPAN_MINUTES * MINUTE_MS - 1 }),
});
/** Batches from up to eight viewers over ten minutes, duplicates and floods included. */
const streamArbitrary = fc.array(fc.array(eventArbitrary, { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 40 });

/** The report of a stream as the server builds it: the buffer's flush, then the report's sums. */
function reportOf(stream: { viewer: number; n: number; type: ViewerEvent["type"]; atMs: number }[][]) {
  const buffer = new ViewerActivityBuffer({ eventsPerViewerMinute: 10_000, maxViewers: 100, idleMs: 60 * MINUTE_MS });
  const T0 = M0 * MINUTE_MS;
  let events = 0;
  for (const batch of stream) {
    for (const viewer of new Set(batch.map((event) => event.viewer))) {
      const mine = batch.filter((event) => event.viewer === viewer).map(({ n, type, atMs }) => ({ n, type, at: T0 + atMs }));
      const verdict = buffer.add({ shop: "fjall.myshopify.com", showId: "show-1", viewerId: `v${viewer}`, receivedAt: Math.max(...mine.map((e) => e.at)), events: mine });
      if (verdict.ok) events += mine.length;
    }
  }
  const activity = buffer.drain();
  const rows: ShowRows = {
    ...NO_ROWS,
    minutes: activity.minutes,
    uniqueViewers: activity.newViewers.length,
    viewersWhoAddedToCart: activity.addedToCart.length,
  };
  return { figures: showFigures(rows, { fromMinute: M0, untilMinute: M0 + SPAN_MINUTES - 1 }), events, minutes: activity.minutes };
}

describe("a show's report on synthetic event streams", () => {
  it("never has more unique viewers than events", () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const { figures, events } = reportOf(stream);
        expect(figures.uniqueViewers).toBeLessThanOrEqual(events);
      }),
    );
  });

  it("never has more watch time than wall time × viewers", () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const { figures, minutes } = reportOf(stream);
        // A heartbeat counts in the minute holding the middle of the 15 s before it, so the first can fall just before the span.
        const spanned = new Set(minutes.map((minute) => minute.minute)).size;
        expect(figures.watchSeconds).toBeLessThanOrEqual(spanned * 60 * figures.uniqueViewers);
        expect(figures.watchSeconds).toBeLessThanOrEqual((SPAN_MINUTES + 1) * 60 * figures.uniqueViewers);
        expect(figures.addToCartRate ?? 0).toBeLessThanOrEqual(1);
      }),
    );
  });
});

const saleArbitrary = fc.record({
  order: fc.integer({ min: 0, max: 5 }),
  quantity: fc.integer({ min: 1, max: 4 }),
  unitMinor: fc.integer({ min: 0, max: 100_000 }),
  refunded: fc.integer({ min: 0, max: 4 }),
  minute: fc.integer({ min: -5, max: 30 }),
});

describe("a show's sales on synthetic orders", () => {
  it("has revenue equal to the sales less refunds, never more orders than were placed, and no order refunded whole", () => {
    fc.assert(
      fc.property(fc.array(saleArbitrary, { maxLength: 20 }), (lines) => {
        const sales = lines.flatMap(({ order, quantity, unitMinor, refunded, minute }) => {
          const back = Math.min(refunded, quantity);
          const sold = sale(`o${order}`, quantity, BigInt(quantity * unitMinor), M0 + minute);
          return back > 0 ? [sold, sale(`o${order}`, -back, -BigInt(back * unitMinor), M0 + minute)] : [sold];
        });
        const figures = showFigures({ ...NO_ROWS, sales }, null);
        const kept = lines.reduce((sum, line) => sum + BigInt((line.quantity - Math.min(line.refunded, line.quantity)) * line.unitMinor), 0n);
        expect(figures.revenueMinor).toBe(kept);
        expect(figures.orders).toBeLessThanOrEqual(new Set(lines.map((line) => line.order)).size);
        const ordersLeft = new Set(lines.filter((line) => line.quantity > line.refunded).map((line) => line.order)).size;
        expect(figures.orders).toBe(ordersLeft);
      }),
    );
  });

  it("puts on the timeline only sales made on air, each once", () => {
    fc.assert(
      fc.property(fc.array(saleArbitrary, { maxLength: 20 }), fc.integer({ min: 0, max: 20 }), (lines, length) => {
        const sales = lines.map(({ order, quantity, unitMinor, minute }) => sale(`o${order}-${minute}`, quantity, BigInt(quantity * unitMinor), M0 + minute));
        const airTime = { fromMinute: M0, untilMinute: M0 + length };
        const { points } = showTimeline({ peaks: [], sales }, airTime, []);
        expect(points).toHaveLength(length + 1);
        const onAir = sales.filter((row) => minuteOf(row.occurredAt.getTime()) <= airTime.untilMinute && minuteOf(row.occurredAt.getTime()) >= airTime.fromMinute);
        expect(points.reduce((sum, point) => sum + point.revenueMinor, 0n)).toBe(onAir.reduce((sum, row) => sum + row.amountMinor, 0n));
      }),
    );
  });
});
