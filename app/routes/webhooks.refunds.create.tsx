import type { ActionFunctionArgs } from "@remix-run/node";
import { announceSalesOfShows } from "~/analytics/live-figures.server";
import { recordShowRefunds } from "~/analytics/show-sales.server";
import { recordRefundClawbacks } from "~/commissions/clawbacks.server";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { refundCreate } from "~/commissions/payloads";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, refundCreate, async ({ shop, payload }) => {
    const { awaitingEarning } = await recordRefundClawbacks(shop, payload);
    const { awaitingSale, subtracted } = await recordShowRefunds(shop, payload);
    await announceSalesOfShows(shop, subtracted.map((refund) => refund.showId));
    const awaiting = [...new Set([...awaitingEarning, ...awaitingSale])];
    // Thrown, so the delivery is forgotten and Shopify's retry finds the earning and the show's sale orders/paid has written by then.
    if (awaiting.length > 0) throw retryLater(`orders/paid has not been processed yet for ${awaiting.join(", ")}`);
  });

function retryLater(reason: string) {
  return Response.json({ error: reason }, { status: 503, headers: { "retry-after": "60" } });
}
