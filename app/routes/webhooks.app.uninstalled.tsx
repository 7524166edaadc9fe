import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveShopifyWebhook } from "~/webhooks/shopify-webhook.server";
import { appUninstalled } from "~/shops/payloads";
import { markUninstalled } from "~/shops/installation.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveShopifyWebhook(request, appUninstalled, ({ shop }) => markUninstalled(shop));
