// A show's figures and its timeline, from its rows: viewer minutes (ShowMinute, the consented
// beacons), the audience's minute peaks (ShowViewerMinute, everyone with the stream open, as the
// control room counts them) and its sales (ShowSale, refunds as negative rows). Pure, so the
// arithmetic is tested on synthetic rows.
import { MINUTE_MS, minuteOf } from "./viewer-activity";

export interface MinuteRow {
  minute: number;
  watchSeconds: number;
  addToCarts: number;
}

export interface PeakRow {
  minute: number;
  peak: number;
}

export interface SaleRow {
  orderId: string;
  productId: string;
  /** Negative for a refund. */
  quantity: number;
  amountMinor: bigint;
  occurredAt: Date;
}

export interface ShowRows {
  minutes: readonly MinuteRow[];
  peaks: readonly PeakRow[];
  /** Viewer tokens that sent the show any event. */
  uniqueViewers: number;
  /** … of which added a product to the cart. */
  viewersWhoAddedToCart: number;
  sales: readonly SaleRow[];
}

/** The minutes the show was on air, both ends included: from going live to ending (or now). */
export interface AirTime {
  fromMinute: number;
  untilMinute: number;
}

export interface ShowFigures {
  peakViewers: number;
  /** The minutes' peaks averaged over the air time (a minute nobody watched counts as none). */
  averageViewers: number;
  uniqueViewers: number;
  watchSeconds: number;
  addToCarts: number;
  /** Orders with units left after refunds. */
  orders: number;
  units: number;
  /** Sales less refunds, before tax and shipping, in the shop's currency. */
  revenueMinor: bigint;
  /** orders / unique viewers; null without viewers. */
  conversion: number | null;
  /** Viewers who added to cart / unique viewers; null without viewers. */
  addToCartRate: number | null;
  averageOrderValueMinor: bigint | null;
}

/** One show's figures as the overview's table and its CSV show them. */
export interface ReportedShow {
  id: string;
  title: string;
  wentLiveAt: Date;
  figures: ShowFigures;
}

/** The shows that went live in a date range, side by side. */
export interface ShowsOverview {
  currency: string;
  timeZone: string;
  shows: ReportedShow[];
  /** Whether the shop has ever had a show on air: the empty state differs. */
  anyShowAired: boolean;
  /** The shop's orders in the range, all of them, for the average order value beside the shows'. */
  shopAverageOrderValueMinor: bigint | null;
}

export function airTimeOf(wentLiveAt: Date | null, endedAt: Date | null, now: Date): AirTime | null {
  if (!wentLiveAt) return null;
  const until = endedAt ?? now;
  return { fromMinute: minuteOf(wentLiveAt.getTime()), untilMinute: Math.max(minuteOf(wentLiveAt.getTime()), minuteOf(until.getTime())) };
}

export function showFigures(rows: ShowRows, airTime: AirTime | null): ShowFigures {
  const peakViewers = rows.peaks.reduce((max, row) => Math.max(max, row.peak), 0);
  let averageViewers = 0;
  if (airTime) {
    const onAir = rows.peaks.filter((row) => row.minute >= airTime.fromMinute && row.minute <= airTime.untilMinute);
    averageViewers = onAir.reduce((sum, row) => sum + row.peak, 0) / (airTime.untilMinute - airTime.fromMinute + 1);
  }
  const unitsByOrder = new Map<string, number>();
  let units = 0;
  let revenueMinor = 0n;
  for (const sale of rows.sales) {
    unitsByOrder.set(sale.orderId, (unitsByOrder.get(sale.orderId) ?? 0) + sale.quantity);
    units += sale.quantity;
    revenueMinor += sale.amountMinor;
  }
  const orders = [...unitsByOrder.values()].filter((left) => left > 0).length;
  const perViewer = (count: number) => (rows.uniqueViewers > 0 ? count / rows.uniqueViewers : null);
  return {
    peakViewers,
    averageViewers,
    uniqueViewers: rows.uniqueViewers,
    watchSeconds: rows.minutes.reduce((sum, row) => sum + row.watchSeconds, 0),
    addToCarts: rows.minutes.reduce((sum, row) => sum + row.addToCarts, 0),
    orders,
    units,
    revenueMinor,
    conversion: perViewer(orders),
    addToCartRate: perViewer(rows.viewersWhoAddedToCart),
    averageOrderValueMinor: averageMinor(revenueMinor, orders),
  };
}

export interface TimelinePoint {
  minute: number;
  viewers: number;
  orders: number;
  revenueMinor: bigint;
}

export interface TimelinePin {
  minute: number;
  title: string;
}

/** A chart of more points than this reads as a smear; a show longer than a day is cut there. */
export const MAX_TIMELINE_MINUTES = 24 * 60;

/**
 * The show's air time minute by minute: viewers at once, and the orders placed in the minute
 * (refunds, which come later, are left to the totals). Pins outside the air time are left out.
 */
export function showTimeline(rows: Pick<ShowRows, "peaks" | "sales">, airTime: AirTime, pins: readonly TimelinePin[]): { points: TimelinePoint[]; pins: TimelinePin[] } {
  const from = airTime.fromMinute;
  const until = Math.min(airTime.untilMinute, from + MAX_TIMELINE_MINUTES - 1);
  const points: TimelinePoint[] = [];
  for (let minute = from; minute <= until; minute += 1) points.push({ minute, viewers: 0, orders: 0, revenueMinor: 0n });
  const at = (minute: number) => (minute >= from && minute <= until ? points[minute - from] : undefined);
  for (const row of rows.peaks) {
    const point = at(row.minute);
    if (point) point.viewers = Math.max(point.viewers, row.peak);
  }
  const ordersSeen = new Set<string>();
  for (const sale of rows.sales) {
    if (sale.quantity <= 0) continue;
    const point = at(minuteOf(sale.occurredAt.getTime()));
    if (!point) continue;
    point.revenueMinor += sale.amountMinor;
    if (!ordersSeen.has(sale.orderId)) {
      ordersSeen.add(sale.orderId);
      point.orders += 1;
    }
  }
  return { points, pins: pins.filter((pin) => pin.minute >= from && pin.minute <= until) };
}

/** A pin's minute: when it happened into the stream, from the minute the show went live. */
export function pinMinute(wentLiveAt: Date, offsetMs: number): number {
  return minuteOf(wentLiveAt.getTime() + offsetMs);
}

export const minuteStart = (minute: number) => new Date(minute * MINUTE_MS);

/** 0 s → "0 min"; 5,400 s → "1 h 30 min": watch time as people say it. */
export function formatWatchTime(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

/** 0.025 → "2.5 %"; null (nobody to divide by) → "–". */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? "–" : `${(Math.round(ratio * 1000) / 10).toFixed(1)} %`;
}

/** total / count rounded half away from zero, as money rounds everywhere in the app; null for none. */
export function averageMinor(totalMinor: bigint, count: number): bigint | null {
  if (count <= 0) return null;
  const denominator = BigInt(count);
  const quotient = totalMinor / denominator;
  const twice = 2n * (totalMinor % denominator);
  if (twice >= denominator) return quotient + 1n;
  if (twice <= -denominator) return quotient - 1n;
  return quotient;
}
