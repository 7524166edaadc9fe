import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { refundCreate } from "~/webhooks/payloads";

export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, refundCreate, async () => {});
