import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { customerRefOf, customersRedact } from "~/privacy/payloads";
import { redactCustomer } from "~/privacy/compliance.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, customersRedact, ({ shop, payload }) => redactCustomer(shop, customerRefOf(payload)));
