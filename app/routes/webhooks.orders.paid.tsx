import type { ActionFunctionArgs } from "@remix-run/node";
import { recordOrderCommissions } from "~/commissions/attribution.server";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { orderPaid } from "~/commissions/payloads";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, orderPaid, async ({ shop, payload }) => {
    await recordOrderCommissions(shop, payload);
  });
