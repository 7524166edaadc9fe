import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { productUpdate } from "~/inventory/payloads";
import { applyProductChange, productChangeFromWebhook } from "~/inventory/product-changes.server";

export const action = ({ request }: ActionFunctionArgs) => {
  // A copy of the body for the variants' inventory item ids, whose digits JSON.parse would round.
  const raw = request.clone();
  return receiveShopifyWebhook(request, productUpdate, async ({ shop, payload }) =>
    applyProductChange(shop, productChangeFromWebhook(payload, await raw.text())),
  );
};
