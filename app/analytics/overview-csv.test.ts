import { describe, expect, it } from "vitest";
import { overviewCsv, overviewFileName } from "./overview-csv";
import { showFigures, type ShowsOverview } from "./show-report";

const M0 = 29_500_000;
const figures = showFigures(
  {
    minutes: [{ minute: M0, watchSeconds: 5_430, addToCarts: 4 }],
    peaks: [{ minute: M0, peak: 12 }],
    uniqueViewers: 30,
    viewersWhoAddedToCart: 3,
    sales: [
      { orderId: "o1", productId: "p1", quantity: 2, amountMinor: 99_800n, occurredAt: new Date(M0 * 60_000) },
      { orderId: "o2", productId: "p1", quantity: 1, amountMinor: 49_900n, occurredAt: new Date(M0 * 60_000) },
    ],
  },
  { fromMinute: M0, untilMinute: M0 + 2 },
);

const overview = (shows: ShowsOverview["shows"], currency = "SEK"): ShowsOverview => ({ currency, timeZone: "Europe/Stockholm", anyShowAired: true, shopAverageOrderValueMinor: null, shows });

// The dates here are a show's fixed air time, handed to a pure formatter: nothing reads today's
// date, so they never expire.
describe("overviewCsv", () => {
  it("writes a show's row on the shop's wall clock and in its currency", () => {
    const csv = overviewCsv(overview([{ id: "s1", title: "Winter knits, live", wentLiveAt: new Date("2026-12-01T17:00:00Z"), figures }]));
    expect(csv.split("\r\n")).toEqual([
      "show,went_live,timezone,peak_viewers,average_viewers,unique_viewers,watch_minutes,add_to_carts,orders,units,revenue,currency,conversion_percent,average_order_value",
      '"Winter knits, live",2026-12-01 18:00,Europe/Stockholm,12,4.0,30,91,4,2,3,1497.00,SEK,6.7,748.50',
      "",
    ]);
  });

  it("writes a currency's own decimals, leaves rates without viewers empty, and defuses a title a spreadsheet would run", () => {
    const quiet = showFigures({ minutes: [], peaks: [], uniqueViewers: 0, viewersWhoAddedToCart: 0, sales: [{ orderId: "o", productId: "p", quantity: 1, amountMinor: 1990n, occurredAt: new Date() }] }, null);
    const [, row] = overviewCsv(overview([{ id: "s1", title: "=HYPERLINK(1)", wentLiveAt: new Date("2026-12-01T17:00:00Z"), figures: quiet }], "JPY")).split("\r\n");
    expect(row).toBe("'=HYPERLINK(1),2026-12-01 18:00,Europe/Stockholm,0,0.0,0,0,0,1,1,1990,JPY,,1990");
  });

  it("holds only its header without shows, and names the file by its range", () => {
    expect(overviewCsv(overview([])).split("\r\n")).toHaveLength(2);
    expect(overviewFileName({ from: "2026-11-01", to: "2026-11-30" })).toBe("shows-2026-11-01-to-2026-11-30.csv");
  });
});
