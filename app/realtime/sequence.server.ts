import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

/**
 * Claims the next event number of each show, atomically in the database, so that instances
 * publishing to one show never hand out the same number. One statement for all the shows; a
 * show of another shop is not touched and gets no number.
 */
export async function claimEventSeqs(shop: string, showIds: readonly string[]): Promise<Map<string, number>> {
  if (!showIds.length) return new Map();
  // UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL) reads the value the same statement wrote;
  // Prisma's update would read it back separately, where two instances could read the same number.
  const rows = await prisma.$queryRaw<Array<{ id: string; lastEventSeq: number | bigint }>>`
    UPDATE "Show" SET "lastEventSeq" = "lastEventSeq" + 1
    WHERE "shop" = ${shop} AND "id" IN (${Prisma.join(showIds)})
    RETURNING "id", "lastEventSeq"`;
  return new Map(rows.map((row) => [row.id, Number(row.lastEventSeq)]));
}

/**
 * The same claim for every show of the given statuses whose lineup holds the product, in one
 * statement: the hot path of a stock change, where finding the shows and numbering the event
 * would otherwise be two round trips.
 */
export async function claimEventSeqsOfShowsListing(
  shop: string,
  productId: string,
  statuses: readonly string[],
): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<Array<{ id: string; lastEventSeq: number | bigint }>>`
    UPDATE "Show" SET "lastEventSeq" = "lastEventSeq" + 1
    WHERE "shop" = ${shop} AND "status" IN (${Prisma.join(statuses)})
      AND "id" IN (SELECT "showId" FROM "ShowProduct" WHERE "shop" = ${shop} AND "productId" = ${productId})
    RETURNING "id", "lastEventSeq"`;
  return new Map(rows.map((row) => [row.id, Number(row.lastEventSeq)]));
}
