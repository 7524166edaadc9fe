// A creator's report on their admin page: every show they hosted that aired for shoppers, side by
// side as the Analytics overview shows them, and their totals; with its CSV in the shop's timezone
// and currency. The creator, the shows and every row are read with the shop: another shop's shows
// (even one naming this creator's id) never count.
import prisma from "~/db.server";
import { getShopSettings } from "~/shops/shops.server";
import { creatorFigures } from "./creator-report";
import { overviewCsv } from "./overview-csv";
import { airTimeOf, showFigures, type ReportedShow, type ShowFigures } from "./show-report";
import { airedShows, EMPTY_ROWS, figureTexts, loadShowRows, overviewTable } from "./show-reports.server";

interface CreatorShows {
  name: string;
  currency: string;
  timeZone: string;
  shows: ReportedShow[];
  total: ShowFigures;
}

async function loadCreatorShows(shop: string, creatorId: string, now: Date): Promise<CreatorShows | null> {
  const creator = await prisma.creator.findFirst({ where: { id: creatorId, shop }, select: { name: true } });
  if (!creator) return null;
  const [settings, shows] = await Promise.all([
    getShopSettings(shop),
    prisma.show.findMany({ where: { ...airedShows(shop), creatorId }, orderBy: { wentLiveAt: "desc" }, select: { id: true, title: true, wentLiveAt: true, endedAt: true } }),
  ]);
  const rows = await loadShowRows(shop, shows.map((show) => show.id));
  const aired = shows.flatMap(({ id, title, wentLiveAt, endedAt }) =>
    wentLiveAt ? [{ id, title, wentLiveAt, rows: rows.get(id) ?? EMPTY_ROWS, airTime: airTimeOf(wentLiveAt, endedAt, now) }] : [],
  );
  return {
    name: creator.name,
    currency: settings.currency,
    timeZone: settings.timezone,
    shows: aired.map(({ id, title, wentLiveAt, rows: showRows, airTime }) => ({ id, title, wentLiveAt, figures: showFigures(showRows, airTime) })),
    total: creatorFigures(aired),
  };
}

/** The report as the creator page shows it, or null when the shop has no such creator. */
export async function getCreatorReport(shop: string, creatorId: string, now = new Date()) {
  const report = await loadCreatorShows(shop, creatorId, now);
  if (!report) return null;
  return {
    currency: report.currency,
    timeZone: report.timeZone,
    showCount: report.shows.length,
    total: figureTexts(report.total, report.currency),
    shows: overviewTable(report),
  };
}

export type CreatorReport = NonNullable<Awaited<ReturnType<typeof getCreatorReport>>>;

/** The same as CSV: a row per show and a last row of totals. */
export async function getCreatorReportCsv(shop: string, creatorId: string, now = new Date()): Promise<{ body: string; fileName: string } | null> {
  const report = await loadCreatorShows(shop, creatorId, now);
  if (!report) return null;
  const slug = report.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "creator";
  return { body: overviewCsv(report, report.total), fileName: `shows-of-${slug}.csv` };
}
