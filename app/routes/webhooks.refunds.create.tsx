import type { ActionFunctionArgs } from "@remix-run/node";
import { recordRefundClawbacks } from "~/commissions/clawbacks.server";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { refundCreate } from "~/commissions/payloads";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, refundCreate, async ({ shop, payload }) => {
    const { awaitingEarning } = await recordRefundClawbacks(shop, payload);
    // Thrown, so the delivery is forgotten and Shopify's retry finds the earning orders/paid has written by then.
    if (awaitingEarning.length > 0) throw retryLater(`orders/paid has not been processed yet for ${awaitingEarning.join(", ")}`);
  });

function retryLater(reason: string) {
  return Response.json({ error: reason }, { status: 503, headers: { "retry-after": "60" } });
}
