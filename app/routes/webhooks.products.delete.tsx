import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { productDelete } from "~/webhooks/payloads";

export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, productDelete, async () => {});
