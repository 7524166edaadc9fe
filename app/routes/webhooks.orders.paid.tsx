import type { ActionFunctionArgs } from "@remix-run/node";
import { announceSalesOfOrder } from "~/analytics/live-figures.server";
import { recordShowSales } from "~/analytics/show-sales.server";
import { tellPurchaseProof } from "~/chat/social-proof.server";
import { recordOrderCommissions } from "~/commissions/attribution.server";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { orderPaid } from "~/commissions/payloads";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, orderPaid, async ({ shop, payload }) => {
    await recordOrderCommissions(shop, payload);
    const sales = await recordShowSales(shop, payload);
    await announceSalesOfOrder(shop, payload);
    await tellPurchaseProof(shop, payload, sales.counted);
  });
