// Tells a live show's viewers that its products were just bought (social-proof.ts), once
// orders/paid has attributed the order's lines to the show (analytics/show-sales.server.ts, the
// same check that pays creators). Only when the shop has social proof on; the city only when it
// allows naming it. Never throws: the order is recorded whatever the viewers hear.
import prisma from "~/db.server";
import { readPaidOrder, type OrderPaidPayload } from "~/commissions/paid-order";
import { log } from "~/lib/log.server";
import { tellChatViewers } from "./chat-broadcast.server";
import { getChatSettings } from "./chat-settings.server";
import { buyerCityOf, purchaseProof } from "./social-proof";

/** `counted`: the order's lines the server attributed to a show (recordShowSales). */
export async function tellPurchaseProof(shop: string, payload: OrderPaidPayload, counted: readonly { lineItemId: string; showId: string }[]): Promise<void> {
  if (!counted.length) return;
  try {
    const settings = await getChatSettings(shop);
    if (!settings.socialProof) return;
    const productOf = new Map(readPaidOrder(payload).lines.map((line) => [line.lineItemId, line.productId]));
    const city = settings.buyerCity ? buyerCityOf(payload) : null;
    const live = await prisma.show.findMany({ where: { shop, status: "live", id: { in: [...new Set(counted.map((line) => line.showId))] } }, select: { id: true } });
    for (const { id: showId } of live) {
      const productIds = counted.flatMap((line) => (line.showId === showId ? [productOf.get(line.lineItemId) ?? ""] : []));
      const lineup = await prisma.showProduct.findMany({ where: { shop, showId, productId: { in: productIds } }, orderBy: { position: "asc" }, select: { title: true } });
      if (lineup.length) tellChatViewers(shop, showId, { proof: purchaseProof(lineup.map((product) => product.title), city, settings.buyerCity) });
    }
  } catch (error) {
    log.warn(`[chat] ${shop}: the viewers were not told of order ${payload.admin_graphql_api_id} (${(error as Error).message})`);
  }
}
