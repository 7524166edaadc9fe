// The control room hears its private figures as they change, on the show's private channel
// (never the shoppers'): its sales once an order that claims the show, or a refund of one, is
// recorded, its add-to-carts once a flush of viewer events has written new ones.
import prisma from "~/db.server";
import { readPaidOrder, type OrderPaidPayload } from "~/commissions/paid-order";
import { log } from "~/lib/log.server";
import { publishPrivateEvent } from "~/realtime/publish.server";
import { getShowAddToCarts } from "./show-counters.server";
import { getShowReportSales } from "./show-reports.server";
import type { MinuteDelta } from "./viewer-activity";

/**
 * Every show of this shop the order claims gets its sales read afresh. A claim naming another
 * shop's show reaches nothing: its figures would be this shop's, on that show's channel. Never
 * throws: the order is recorded, and a page that missed this reads the sales when it reconnects.
 */
export async function announceSalesOfOrder(shop: string, payload: OrderPaidPayload): Promise<void> {
  await announceSalesOfShows(shop, readPaidOrder(payload).lines.flatMap((line) => (line.claim ? [line.claim.showId] : [])));
}

/** After a refund is subtracted, or an order recorded: each named show of this shop hears its sales again. */
export async function announceSalesOfShows(shop: string, showIds: readonly string[]): Promise<void> {
  const claimed = [...new Set(showIds)];
  if (!claimed.length) return;
  try {
    const shows = await prisma.show.findMany({ where: { shop, id: { in: claimed } }, select: { id: true } });
    await Promise.all(shows.map(async ({ id }) => publishPrivateEvent({ showId: id, type: "sales", data: await getShowReportSales(shop, id) })));
  } catch (error) {
    log.warn(`[analytics] ${shop}: the control room was not told of a change in its sales (${(error as Error).message}); it reads them when it reconnects`);
  }
}

/**
 * Each show whose add-to-carts a flush wrote gets its total read afresh (other instances add
 * theirs too). Never throws: the flush is written, and a page that missed this reads the total
 * when it reconnects.
 */
export async function announceAddToCarts(written: readonly MinuteDelta[]): Promise<void> {
  const shows = new Map(written.filter((minute) => minute.addToCarts > 0).map((minute) => [minute.showId, minute.shop]));
  await Promise.all(
    [...shows].map(async ([showId, shop]) => {
      try {
        await publishPrivateEvent({ showId, type: "carts", data: { addToCarts: await getShowAddToCarts(shop, showId) } });
      } catch (error) {
        log.warn(`[analytics] ${shop}: the control room of show ${showId} was not told of new add-to-carts (${(error as Error).message}); it reads them when it reconnects`);
      }
    }),
  );
}
