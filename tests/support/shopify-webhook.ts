// A webhook as Shopify delivers it: the real headers and an HMAC over the exact body bytes.
import { createHmac, randomUUID } from "node:crypto";
import { sandboxShopify } from "../sandbox/config";

export interface ShopifyWebhookDelivery {
  topic: string;
  shop: string;
  body: string;
  /** The same id on every delivery of one event; a fresh one by default. */
  eventId?: string;
  /** Another secret signs a forged delivery. */
  secret?: string;
}

export function sendShopifyWebhook(appUrl: string, { topic, shop, body, eventId = randomUUID(), secret = sandboxShopify.apiSecret }: ShopifyWebhookDelivery): Promise<Response> {
  return fetch(`${appUrl}/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  });
}
