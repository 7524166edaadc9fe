import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { customerRefOf, customersDataRequest } from "~/privacy/payloads";
import { recordCustomerDataRequest } from "~/privacy/compliance.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, customersDataRequest, ({ shop, payload }) => recordCustomerDataRequest(shop, customerRefOf(payload), payload.data_request.id));
