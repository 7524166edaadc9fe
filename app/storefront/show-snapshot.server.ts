import prisma from "~/db.server";
import { getStockOfProducts } from "~/inventory/stock.server";
import type { StockEventData } from "~/realtime/events";
import { eventFrame } from "~/realtime/frame";
import type { Snapshot } from "~/realtime/hub.server";

export interface ShowSnapshotData {
  show: { id: string; status: string; mode: string };
  lineup: Array<{ productId: string; title: string; position: number; pinned: boolean }>;
  /** The product pinned most recently, or null. */
  pinnedProductId: string | null;
  stock: StockEventData[];
}

export class ShowNotFoundError extends Error {
  constructor(shop: string, showId: string) {
    super(`Show ${showId} of ${shop} does not exist`);
    this.name = "ShowNotFoundError";
  }
}

export async function readEventSeq(shop: string, showId: string): Promise<number> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { lastEventSeq: true } });
  if (!show) throw new ShowNotFoundError(shop, showId);
  return show.lastEventSeq;
}

/**
 * What a viewer needs on connect. The event number is read before the state, so the state
 * reflects at least every event up to that number; the viewer then gets the events after it.
 */
export async function loadShowSnapshot(shop: string, showId: string): Promise<Snapshot> {
  const show = await prisma.show.findFirst({
    where: { id: showId, shop },
    select: {
      lastEventSeq: true,
      status: true,
      mode: true,
      products: {
        where: { removedAt: null },
        orderBy: { position: "asc" },
        select: { productId: true, title: true, position: true, pinnedAt: true },
      },
    },
  });
  if (!show) throw new ShowNotFoundError(shop, showId);
  const stock = await getStockOfProducts(
    shop,
    show.products.map((product) => product.productId),
  );
  const pinned = show.products
    .filter((product) => product.pinnedAt)
    .sort((a, b) => (b.pinnedAt as Date).getTime() - (a.pinnedAt as Date).getTime())[0];
  const data: ShowSnapshotData = {
    show: { id: showId, status: show.status, mode: show.mode },
    lineup: show.products.map(({ productId, title, position, pinnedAt }) => ({ productId, title, position, pinned: pinnedAt !== null })),
    pinnedProductId: pinned?.productId ?? null,
    stock,
  };
  return { seq: show.lastEventSeq, frame: eventFrame({ seq: show.lastEventSeq, type: "snapshot", data }) };
}
