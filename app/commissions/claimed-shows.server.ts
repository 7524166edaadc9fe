import prisma from "~/db.server";
import type { ClaimedShow } from "./claim-check";

/** The claimed shows that exist in this shop, by id. Ids from other shops simply are not found. */
export async function loadClaimedShows(shop: string, showIds: Iterable<string>): Promise<Map<string, ClaimedShow>> {
  const ids = [...new Set(showIds)];
  if (ids.length === 0) return new Map();
  const shows = await prisma.show.findMany({
    where: { shop, id: { in: ids } },
    select: {
      id: true,
      status: true,
      mode: true,
      wentLiveAt: true,
      wentPublicAt: true,
      commissionBps: true,
      creator: { select: { id: true, shop: true, commissionBps: true } },
      products: { where: { shop }, select: { productId: true } },
    },
  });
  return new Map(
    shows.map(({ products, ...show }) => [show.id, { ...show, lineupProductIds: new Set(products.map((product) => product.productId)) }]),
  );
}
