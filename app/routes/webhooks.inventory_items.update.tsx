import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { inventoryItemUpdate } from "~/webhooks/payloads";

export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, inventoryItemUpdate, async () => {});
