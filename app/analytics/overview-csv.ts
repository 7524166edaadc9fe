// The overview's table as CSV, for a spreadsheet: one row per show, its go-live time on the
// shop's wall clock (the timezone in its own column), money as decimal strings in the shop's
// currency (never floats), rates as percentages with one decimal.
import { csvCell } from "~/creators/statement-csv";
import { formatMinorUnits } from "~/lib/money";
import { utcToZonedLocal } from "~/lib/zoned-time";
import type { ReportRange } from "./report-range";
import type { ShowFigures, ShowsOverview } from "./show-report";

const HEADER = [
  "show",
  "went_live",
  "timezone",
  "peak_viewers",
  "average_viewers",
  "unique_viewers",
  "watch_minutes",
  "add_to_carts",
  "orders",
  "units",
  "revenue",
  "currency",
  "conversion_percent",
  "average_order_value",
];

const percent = (ratio: number | null) => (ratio === null ? "" : (Math.round(ratio * 1000) / 10).toFixed(1));

/** One row per show; with `total`, a last row of the shows summed (a creator's report). */
export function overviewCsv(overview: Pick<ShowsOverview, "currency" | "timeZone" | "shows">, total?: ShowFigures): string {
  const { currency, timeZone } = overview;
  const rows: string[][] = [HEADER];
  for (const { title, wentLiveAt, figures } of overview.shows) {
    rows.push([csvCell(title), csvCell(utcToZonedLocal(wentLiveAt, timeZone).replace("T", " ")), csvCell(timeZone), ...figureCells(figures, currency)]);
  }
  if (total) rows.push([csvCell("Total"), "", csvCell(timeZone), ...figureCells(total, currency)]);
  return rows.map((row) => row.join(",")).join("\r\n") + "\r\n";
}

function figureCells(figures: ShowFigures, currency: string): string[] {
  const number = (value: string) => csvCell(value, "number");
  return [
    number(String(figures.peakViewers)),
    number(figures.averageViewers.toFixed(1)),
    number(String(figures.uniqueViewers)),
    number(String(Math.round(figures.watchSeconds / 60))),
    number(String(figures.addToCarts)),
    number(String(figures.orders)),
    number(String(figures.units)),
    number(formatMinorUnits(Number(figures.revenueMinor), currency)),
    csvCell(currency),
    number(percent(figures.conversion)),
    number(figures.averageOrderValueMinor === null ? "" : formatMinorUnits(Number(figures.averageOrderValueMinor), currency)),
  ];
}

export function overviewFileName(range: Pick<ReportRange, "from" | "to">): string {
  return `shows-${range.from}-to-${range.to}.csv`;
}
