import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { inventoryItemUpdate } from "~/inventory/payloads";
import { receiveInventoryItemUpdate } from "~/inventory/inventory-webhooks.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, inventoryItemUpdate, ({ shop, payload }) => receiveInventoryItemUpdate(shop, payload));
