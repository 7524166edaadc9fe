import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { shopRedact } from "~/privacy/payloads";
import { redactShop } from "~/privacy/compliance.server";

export const action = ({ request }: ActionFunctionArgs) => receiveShopifyWebhook(request, shopRedact, ({ shop }) => redactShop(shop));
