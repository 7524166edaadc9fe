import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { customersRedact } from "~/webhooks/payloads";
import { redactCustomer } from "~/privacy/compliance.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, customersRedact, ({ shop, payload }) =>
    redactCustomer(shop, `gid://shopify/Customer/${payload.customer.id}`),
  );
