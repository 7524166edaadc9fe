import prisma from "~/db.server";
import { getStockOfProducts } from "~/inventory/stock.server";
import type { EncoderEventData, StockEventData } from "~/realtime/events";
import { eventFrame } from "~/realtime/frame";
import type { Snapshot } from "~/realtime/hub.server";
import { ENCODER_COLUMNS, encoderView } from "~/shows/encoder-state.server";
import { getShopSettings } from "~/shops/shops.server";
import { ShowNotFoundError } from "~/storefront/show-snapshot.server";
import { getShowCounters, type ShowCounters } from "./show-counters.server";

/** What the show page needs on connect to draw the live parts: status, the encoder, numbers, the lineup's stock. */
export interface ControlRoomSnapshot {
  status: string;
  encoder: EncoderEventData;
  figures: ShowCounters;
  stock: StockEventData[];
}

/** The event number is read with the status, before the rest: the snapshot reflects at least every event up to it. */
export async function loadControlRoomSnapshot(shop: string, showId: string): Promise<Snapshot> {
  const show = await prisma.show.findFirst({
    where: { id: showId, shop },
    select: { lastEventSeq: true, status: true, ...ENCODER_COLUMNS, products: { where: { removedAt: null }, select: { productId: true } } },
  });
  if (!show) throw new ShowNotFoundError(shop, showId);
  const [figures, stock, { timezone }] = await Promise.all([
    getShowCounters(shop, showId),
    getStockOfProducts(
      shop,
      show.products.map((product) => product.productId),
    ),
    getShopSettings(shop),
  ]);
  const data: ControlRoomSnapshot = { status: show.status, encoder: encoderView(show, timezone), figures, stock };
  return { seq: show.lastEventSeq, frame: eventFrame({ seq: show.lastEventSeq, type: "snapshot", data }) };
}
