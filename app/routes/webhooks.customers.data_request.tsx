import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { customersDataRequest } from "~/webhooks/payloads";

// The app keeps no customer data beyond chat messages, which the merchant sees in the control room.
export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, customersDataRequest, async () => {});
