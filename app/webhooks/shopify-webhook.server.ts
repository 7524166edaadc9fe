import type { z } from "zod";
import { authenticate } from "~/shopify.server";
import { actOnce } from "./receipts.server";
import { badRequest, unauthorized } from "~/http/responses.server";
import { describePayloadError } from "./payload-fields";

export interface ShopifyDelivery<T> {
  shop: string;
  topic: string;
  payload: T;
  triggeredAt?: string;
}

/**
 * A Shopify webhook route in three steps: verify the HMAC (authenticate.webhook answers 401
 * on a forged one), validate the payload (400 with the reason), then act once per event id.
 */
export async function receiveShopifyWebhook<S extends z.ZodType>(
  request: Request,
  payloadSchema: S,
  act: (delivery: ShopifyDelivery<z.output<S>>) => Promise<void>,
): Promise<Response> {
  // The header keeps Shopify's own spelling (orders/paid); context.topic is an enum (ORDERS_PAID).
  const topicHeader = request.headers.get("x-shopify-topic");
  // The library answers a delivery without a signature 400, as if a header were merely missing;
  // an unsigned delivery is unauthenticated.
  if (!request.headers.get("x-shopify-hmac-sha256")) return unauthorized("The webhook has no X-Shopify-Hmac-Sha256 signature");
  let context;
  try {
    context = await authenticate.webhook(request);
  } catch (error) {
    // The library parses the body once the HMAC is verified: a signed body that is not JSON.
    if (error instanceof SyntaxError) return badRequest(`${topicHeader ?? "webhook"} payload: body is not JSON`);
    // Its refusals have no body; the sender gets the reason.
    if (error instanceof Response && error.status === 401) return unauthorized("The webhook's HMAC does not match");
    if (error instanceof Response && error.status === 400) return badRequest("The webhook lacks Shopify's headers (X-Shopify-Topic, X-Shopify-Shop-Domain, X-Shopify-Webhook-Id, X-Shopify-API-Version)");
    throw error;
  }
  const topic = topicHeader ?? String(context.topic);
  const parsed = payloadSchema.safeParse(context.payload);
  if (!parsed.success) return badRequest(describePayloadError(topic, parsed.error));
  const delivery = {
    source: "shopify" as const,
    // Event-Id is stable across retries of one event; Webhook-Id is the fallback.
    eventId: context.eventId ?? context.webhookId,
    topic,
    shop: context.shop,
  };
  return actOnce(delivery, () =>
    act({ shop: context.shop, topic: delivery.topic, payload: parsed.data, triggeredAt: context.triggeredAt }),
  );
}
