import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { inventoryLevelUpdate } from "~/webhooks/payloads";
import { receiveInventoryLevelUpdate } from "~/inventory/inventory-webhooks.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, inventoryLevelUpdate, ({ shop, payload }) => receiveInventoryLevelUpdate(shop, payload));
