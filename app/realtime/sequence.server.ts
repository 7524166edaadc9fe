import prisma from "~/db.server";

/**
 * Claims the next event number of each show, atomically in the database, so that instances
 * publishing to one show never hand out the same number. One statement for all the shows; a
 * show of another shop is not touched and gets no number.
 */
export async function claimEventSeqs(shop: string, showIds: readonly string[]): Promise<Map<string, number>> {
  const claimed = new Map<string, number>();
  // One show per statement, in id order: a multi-row UPDATE locks rows in no fixed order, and two
  // such statements over overlapping shows deadlock on PostgreSQL.
  for (const showId of [...new Set(showIds)].sort()) {
    // UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL) reads the value the same statement wrote;
    // Prisma's update would read it back separately, where two instances could read the same number.
    const rows = await prisma.$queryRaw<Array<{ id: string; lastEventSeq: number | bigint }>>`
      UPDATE "Show" SET "lastEventSeq" = "lastEventSeq" + 1
      WHERE "shop" = ${shop} AND "id" = ${showId}
      RETURNING "id", "lastEventSeq"`;
    for (const row of rows) claimed.set(row.id, Number(row.lastEventSeq));
  }
  return claimed;
}

/**
 * The same claim for every show of the given statuses whose lineup holds the product: the hot
 * path of a stock change. The shows are found first and then numbered one by one in id order,
 * for the same reason as above.
 */
export async function claimEventSeqsOfShowsListing(
  shop: string,
  productId: string,
  statuses: readonly string[],
): Promise<Map<string, number>> {
  const shows = await prisma.show.findMany({
    where: { shop, status: { in: [...statuses] }, products: { some: { productId } } },
    select: { id: true },
  });
  return claimEventSeqs(shop, shows.map((show) => show.id));
}
