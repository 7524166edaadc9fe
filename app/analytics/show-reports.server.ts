// The admin's show reports: the overview comparing the shows that went live in a date range, and
// one show's report with its timeline. Every read names the shop, so one shop's report never
// holds another's viewers or sales. Loaders get text and plain numbers, already in the shop's
// timezone and currency (dates and money are written on the server, never by the browser).
import prisma from "~/db.server";
import { currencyExponent, formatMoney } from "~/lib/money";
import { formatZonedDateTime, formatZonedTime } from "~/lib/zoned-time";
import type { SalesEventData } from "~/realtime/events";
import { readShowChatReport } from "~/chat/insights.server";
import { getShopSettings } from "~/shops/shops.server";
import { overviewCsv, overviewFileName } from "./overview-csv";
import { readReportRange, type ReportRange } from "./report-range";
import {
  airTimeOf,
  averageMinor,
  formatPercent,
  formatWatchTime,
  minuteStart,
  pinMinute,
  showFigures,
  showTimeline,
  type MinuteRow,
  type PeakRow,
  type SaleRow,
  type ShowFigures,
  type ShowRows,
  type ShowsOverview,
} from "./show-report";

/** Shows that aired for shoppers: a rehearsal's viewers and sales are never counted. */
export const airedShows = (shop: string) => ({ shop, mode: "public", wentLiveAt: { not: null } });

type ShopSettings = Awaited<ReturnType<typeof getShopSettings>>;

async function getShowsOverview(shop: string, settings: ShopSettings, range: ReportRange, now: Date): Promise<ShowsOverview> {
  const [shows, anyShowAired, shopAverageOrderValueMinor] = await Promise.all([
    prisma.show.findMany({
      where: { ...airedShows(shop), wentLiveAt: { gte: range.start, lt: range.end } },
      orderBy: { wentLiveAt: "desc" },
      select: { id: true, title: true, wentLiveAt: true, endedAt: true },
    }),
    prisma.show.count({ where: airedShows(shop) }).then((count) => count > 0),
    shopAverageOrderValue(shop, range.start, range.end),
  ]);
  const rows = await loadShowRows(shop, shows.map((show) => show.id));
  return {
    currency: settings.currency,
    timeZone: settings.timezone,
    anyShowAired,
    shopAverageOrderValueMinor,
    shows: shows.flatMap(({ id, title, wentLiveAt, endedAt }) =>
      wentLiveAt ? [{ id, title, wentLiveAt, figures: showFigures(rows.get(id) ?? EMPTY_ROWS, airTimeOf(wentLiveAt, endedAt, now)) }] : [],
    ),
  };
}

/** The overview page: the range the query asks for (the last 30 days without one), or why it cannot be shown. */
export async function getAnalyticsOverviewPage(shop: string, params: URLSearchParams, now = new Date()) {
  const settings = await getShopSettings(shop);
  const page = { timeZone: settings.timezone, currency: settings.currency };
  const parsed = readReportRange(params, settings.timezone, now);
  if (!parsed.ok) {
    return { ...page, from: params.get("from") ?? "", to: params.get("to") ?? "", error: parsed.error, anyShowAired: true, rows: [], shopAverageOrderValue: "–" };
  }
  const overview = await getShowsOverview(shop, settings, parsed.range, now);
  return {
    ...page,
    from: parsed.range.from,
    to: parsed.range.to,
    error: null,
    anyShowAired: overview.anyShowAired,
    rows: overviewTable(overview),
    shopAverageOrderValue: overview.shopAverageOrderValueMinor === null ? "–" : formatMoney(Number(overview.shopAverageOrderValueMinor), settings.currency),
  };
}

/** The overview's table as a CSV file, for the same range the page shows. */
export async function getOverviewCsv(shop: string, params: URLSearchParams, now = new Date()): Promise<{ ok: true; body: string; fileName: string } | { ok: false; error: string }> {
  const settings = await getShopSettings(shop);
  const parsed = readReportRange(params, settings.timezone, now);
  if (!parsed.ok) return parsed;
  const overview = await getShowsOverview(shop, settings, parsed.range, now);
  return { ok: true, body: overviewCsv(overview), fileName: overviewFileName(parsed.range) };
}

/** The overview's table as the page shows it. */
export function overviewTable(overview: Pick<ShowsOverview, "currency" | "timeZone" | "shows">) {
  return overview.shows.map((show) => ({
    id: show.id,
    title: show.title,
    wentLiveAt: formatZonedDateTime(show.wentLiveAt, overview.timeZone),
    ...figureTexts(show.figures, overview.currency),
  }));
}

export type FigureTexts = ReturnType<typeof figureTexts>;

export function figureTexts(figures: ShowFigures, currency: string) {
  return {
    peakViewers: figures.peakViewers,
    averageViewers: figures.averageViewers.toFixed(1),
    uniqueViewers: figures.uniqueViewers,
    watchTime: formatWatchTime(figures.watchSeconds),
    addToCarts: figures.addToCarts,
    addToCartRate: formatPercent(figures.addToCartRate),
    orders: figures.orders,
    units: figures.units,
    revenue: formatMoney(Number(figures.revenueMinor), currency),
    conversion: formatPercent(figures.conversion),
    averageOrderValue: figures.averageOrderValueMinor === null ? "–" : formatMoney(Number(figures.averageOrderValueMinor), currency),
  };
}

/** How far back the shop's usual average order value looks from a show's end. */
const USUAL_ORDER_DAYS = 30;

export async function getShowReport(shop: string, showId: string, now = new Date()) {
  const show = await prisma.show.findFirst({
    where: { id: showId, shop },
    select: { id: true, title: true, status: true, mode: true, wentLiveAt: true, endedAt: true, products: { where: { shop }, select: { productId: true, title: true } } },
  });
  if (!show) return null;
  const aired = show.mode === "public" ? airTimeOf(show.wentLiveAt, show.endedAt, now) : null;
  const until = show.endedAt ?? now;
  const [settings, rows, pins, stats, usual, chat] = await Promise.all([
    getShopSettings(shop),
    loadShowRows(shop, [show.id]).then((byShow) => byShow.get(show.id) ?? EMPTY_ROWS),
    prisma.showEvent.findMany({ where: { shop, showId: show.id, type: { in: ["pin", "deal"] }, offsetMs: { not: null } }, orderBy: { seq: "asc" }, select: { type: true, offsetMs: true, payload: true } }),
    prisma.showStats.findFirst({ where: { shop, showId: show.id }, select: { stockDrift: true } }),
    shopAverageOrderValue(shop, new Date(until.getTime() - USUAL_ORDER_DAYS * 86_400_000), until),
    readShowChatReport(shop, show.id),
  ]);
  const { currency, timezone } = settings;
  const figures = showFigures(rows, aired);
  const titles = new Map(show.products.map((product) => [product.productId, product.title]));
  return {
    id: show.id,
    title: show.title,
    status: show.status,
    rehearsal: show.mode !== "public",
    wentLiveAt: show.wentLiveAt ? formatZonedDateTime(show.wentLiveAt, timezone) : null,
    currency,
    figures: figureTexts(figures, currency),
    shopAverageOrderValue: usual === null ? "–" : formatMoney(Number(usual), currency),
    stockCorrections: stats?.stockDrift ?? 0,
    topProducts: topProducts(rows.sales).map((product) => ({
      title: titles.get(product.productId) ?? product.productId,
      units: product.units,
      revenue: formatMoney(Number(product.revenueMinor), currency),
    })),
    chat,
    timeline: aired && show.wentLiveAt ? chartTimeline(rows, aired, pinsOf(show.wentLiveAt, pins), currency, timezone) : null,
  };
}

export type ShowReport = NonNullable<Awaited<ReturnType<typeof getShowReport>>>;
export type ShowTimelineChart = NonNullable<ShowReport["timeline"]>;

function chartTimeline(rows: ShowRows, aired: NonNullable<ReturnType<typeof airTimeOf>>, pins: { minute: number; title: string }[], currency: string, timeZone: string) {
  const timeline = showTimeline(rows, aired, pins);
  const unit = 10 ** currencyExponent(currency);
  const label = (minute: number) => formatZonedTime(minuteStart(minute), timeZone);
  return {
    currency,
    points: timeline.points.map((point) => ({ time: label(point.minute), viewers: point.viewers, orders: point.orders, revenue: Number(point.revenueMinor) / unit })),
    pins: timeline.pins.map((pin) => ({ time: label(pin.minute), title: pin.title })),
  };
}

/** The pins and the deals started on air, each as the chart and the list name it. */
function pinsOf(wentLiveAt: Date, events: { type: string; offsetMs: number | null; payload: string }[]) {
  return events.flatMap((event) => (event.offsetMs === null ? [] : [{ minute: pinMinute(wentLiveAt, event.offsetMs), title: markLabel(event.type, event.payload) }]));
}

function markLabel(type: string, payload: string): string {
  const field = (name: string) => {
    try {
      const value = (JSON.parse(payload) as Record<string, unknown>)[name];
      return typeof value === "string" && value ? value : null;
    } catch {
      return null;
    }
  };
  return type === "deal" ? `Deal: ${field("code") ?? "a discount"}` : `Pinned: ${field("title") ?? "A product"}`;
}

function topProducts(sales: readonly SaleRow[], limit = 5) {
  const byProduct = new Map<string, { productId: string; units: number; revenueMinor: bigint }>();
  for (const sale of sales) {
    const product = byProduct.get(sale.productId) ?? { productId: sale.productId, units: 0, revenueMinor: 0n };
    product.units += sale.quantity;
    product.revenueMinor += sale.amountMinor;
    byProduct.set(sale.productId, product);
  }
  return [...byProduct.values()]
    .filter((product) => product.units > 0)
    .sort((a, b) => (b.revenueMinor > a.revenueMinor ? 1 : b.revenueMinor < a.revenueMinor ? -1 : b.units - a.units))
    .slice(0, limit);
}

/**
 * The show's orders and revenue as its report counts them (ShowSale: every sale the show's claim
 * check accepts, refunds subtracted), in the control room's shape, so the two never disagree.
 */
export async function getShowReportSales(shop: string, showId: string): Promise<SalesEventData> {
  const [sales, { currency }] = await Promise.all([
    prisma.showSale.findMany({ where: { shop, showId }, select: { orderId: true, productId: true, quantity: true, amountMinor: true, currency: true, occurredAt: true } }),
    getShopSettings(shop),
  ]);
  const figures = showFigures({ ...EMPTY_ROWS, sales }, null);
  // The sales are in the shop's currency as the orders gave it; the settings stand in before the first.
  return { orders: figures.orders, revenueLabel: formatMoney(Number(figures.revenueMinor), sales[0]?.currency ?? currency) };
}

export const EMPTY_ROWS: ShowRows = { minutes: [], peaks: [], uniqueViewers: 0, viewersWhoAddedToCart: 0, sales: [] };

/** Every show's rows in five queries, whatever the number of shows. */
export async function loadShowRows(shop: string, showIds: string[]): Promise<Map<string, ShowRows>> {
  if (showIds.length === 0) return new Map();
  const where = { shop, showId: { in: showIds } };
  const [minutes, peaks, viewers, addedToCart, sales] = await Promise.all([
    prisma.showMinute.findMany({ where, select: { showId: true, minute: true, watchSeconds: true, addToCarts: true } }),
    prisma.showViewerMinute.findMany({ where, select: { showId: true, minute: true, peak: true } }),
    prisma.showViewer.groupBy({ by: ["showId"], where, _count: { _all: true } }),
    prisma.showViewer.groupBy({ by: ["showId"], where: { ...where, addedToCart: true }, _count: { _all: true } }),
    prisma.showSale.findMany({ where, select: { showId: true, orderId: true, productId: true, quantity: true, amountMinor: true, occurredAt: true } }),
  ]);
  const rows = new Map(showIds.map((id) => [id, { minutes: [] as MinuteRow[], peaks: [] as PeakRow[], uniqueViewers: 0, viewersWhoAddedToCart: 0, sales: [] as SaleRow[] }]));
  for (const { showId, ...minute } of minutes) rows.get(showId)?.minutes.push(minute);
  for (const { showId, ...peak } of peaks) rows.get(showId)?.peaks.push(peak);
  for (const { showId, ...sale } of sales) rows.get(showId)?.sales.push(sale);
  for (const group of viewers) {
    const show = rows.get(group.showId);
    if (show) show.uniqueViewers = group._count._all;
  }
  for (const group of addedToCart) {
    const show = rows.get(group.showId);
    if (show) show.viewersWhoAddedToCart = group._count._all;
  }
  return rows;
}

async function shopAverageOrderValue(shop: string, start: Date, end: Date): Promise<bigint | null> {
  const { _sum, _count } = await prisma.shopOrder.aggregate({ where: { shop, placedAt: { gte: start, lt: end } }, _sum: { amountMinor: true }, _count: { _all: true } });
  return averageMinor(_sum.amountMinor ?? 0n, _count._all);
}
