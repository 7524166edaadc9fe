import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { productDelete } from "~/inventory/payloads";
import { deletedProductId, removeDeletedProduct } from "~/inventory/product-changes.server";

export const action = ({ request }: ActionFunctionArgs) => {
  // A copy of the body for the product id's digits, which JSON.parse would round past 2^53.
  const raw = request.clone();
  return receiveShopifyWebhook(request, productDelete, async ({ shop }) => removeDeletedProduct(shop, deletedProductId(await raw.text())));
};
