// A creator's figures across the shows they hosted: their shows' rows taken together, so every
// figure is showFigures' own arithmetic and agrees with the shows' reports. Unique viewers are
// summed over shows (a viewer token names one viewer of one show); an order that bought from two
// of their shows counts once. Pure, tested on synthetic rows.
import { showFigures, type AirTime, type ShowFigures, type ShowRows } from "./show-report";

export interface CreatorShowRows {
  rows: ShowRows;
  airTime: AirTime | null;
}

export function mergeShowRows(shows: readonly ShowRows[]): ShowRows {
  return {
    minutes: shows.flatMap((rows) => rows.minutes),
    peaks: shows.flatMap((rows) => rows.peaks),
    uniqueViewers: shows.reduce((sum, rows) => sum + rows.uniqueViewers, 0),
    viewersWhoAddedToCart: shows.reduce((sum, rows) => sum + rows.viewersWhoAddedToCart, 0),
    sales: shows.flatMap((rows) => rows.sales),
  };
}

/** The creator's totals; average viewers over all their minutes on air, the peak their highest. */
export function creatorFigures(shows: readonly CreatorShowRows[]): ShowFigures {
  const figures = showFigures(mergeShowRows(shows.map((show) => show.rows)), null);
  let viewerMinutes = 0;
  let airMinutes = 0;
  for (const { rows, airTime } of shows) {
    if (!airTime) continue;
    const minutes = airTime.untilMinute - airTime.fromMinute + 1;
    viewerMinutes += showFigures(rows, airTime).averageViewers * minutes;
    airMinutes += minutes;
  }
  return { ...figures, averageViewers: airMinutes > 0 ? viewerMinutes / airMinutes : 0 };
}
