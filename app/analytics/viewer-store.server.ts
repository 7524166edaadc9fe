// Writes a flush of viewer activity in a few statements, whatever the number of events behind it:
// minutes are added to (every instance adds its own), viewers are inserted once, flags only ever
// turn on. The SQL is the same on SQLite and PostgreSQL. Rows go in key order so two instances
// flushing overlapping minutes cannot deadlock on PostgreSQL.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import type { ViewerActivity, ViewerKey } from "./viewer-activity";

/** Rows per statement: far inside SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;

export async function writeViewerActivity(activity: ViewerActivity): Promise<void> {
  const minutes = [...activity.minutes].sort((a, b) => a.showId.localeCompare(b.showId) || a.minute - b.minute);
  const viewers = [...activity.newViewers].sort(byViewer);
  await prisma.$transaction(async (tx) => {
    for (const chunk of chunked(minutes)) {
      const rows = chunk.map((m) => Prisma.sql`(${m.shop}, ${m.showId}, ${m.minute}, ${m.watchSeconds}, ${m.views}, ${m.productViews}, ${m.addToCarts}, ${m.checkouts})`);
      await tx.$executeRaw`
        INSERT INTO "ShowMinute" ("shop", "showId", "minute", "watchSeconds", "views", "productViews", "addToCarts", "checkouts")
        VALUES ${Prisma.join(rows)}
        ON CONFLICT ("showId", "minute") DO UPDATE SET
          "watchSeconds" = "ShowMinute"."watchSeconds" + excluded."watchSeconds",
          "views" = "ShowMinute"."views" + excluded."views",
          "productViews" = "ShowMinute"."productViews" + excluded."productViews",
          "addToCarts" = "ShowMinute"."addToCarts" + excluded."addToCarts",
          "checkouts" = "ShowMinute"."checkouts" + excluded."checkouts"`;
    }
    for (const chunk of chunked(viewers)) {
      const rows = chunk.map((v) => Prisma.sql`(${v.shop}, ${v.showId}, ${v.viewerId}, ${v.firstMinute})`);
      await tx.$executeRaw`
        INSERT INTO "ShowViewer" ("shop", "showId", "viewerId", "firstMinute")
        VALUES ${Prisma.join(rows)}
        ON CONFLICT ("showId", "viewerId") DO NOTHING`;
    }
    for (const [flag, keys] of [["addedToCart", activity.addedToCart], ["checkedOut", activity.checkedOut]] as const) {
      for (const { shop, showId, viewerIds } of byShow(keys)) {
        for (const chunk of chunked(viewerIds)) {
          await tx.showViewer.updateMany({ where: { shop, showId, viewerId: { in: chunk }, [flag]: false }, data: { [flag]: true } });
        }
      }
    }
  });
}

function byViewer(a: ViewerKey, b: ViewerKey): number {
  return a.showId.localeCompare(b.showId) || a.viewerId.localeCompare(b.viewerId);
}

function byShow(keys: readonly ViewerKey[]): { shop: string; showId: string; viewerIds: string[] }[] {
  const shows = new Map<string, { shop: string; showId: string; viewerIds: string[] }>();
  for (const key of [...keys].sort(byViewer)) {
    const show = shows.get(key.showId) ?? { shop: key.shop, showId: key.showId, viewerIds: [] };
    show.viewerIds.push(key.viewerId);
    shows.set(key.showId, show);
  }
  return [...shows.values()];
}

function* chunked<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) yield items.slice(start, start + ROWS_PER_STATEMENT);
}
