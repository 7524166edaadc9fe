import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { inventoryLevelUpdate } from "~/webhooks/payloads";

// Recorded once per event; the stock capability applies it (issue 5).
export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, inventoryLevelUpdate, async () => {});
