// POST /webhooks/inventory_levels/update as a plain Node handler, which server.ts mounts ahead
// of Remix: a flash sale sends thousands a second, and each one costs here only what it must
// (HMAC, parse, validate, a share of a batch's commit). tests/bench/RESULTS.md has the figures.
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "~/env.server";
import { readShopifyWebhook } from "~/webhooks/node-shopify-webhook.server";
import { submitLevelDelivery } from "./level-deliveries.server";
import { readLevelPayload } from "./level-payload";
import { log } from "~/lib/log.server";

export async function handleInventoryLevelWebhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const webhook = await readShopifyWebhook(request, env().SHOPIFY_API_SECRET);
  if (!webhook.ok) return answer(response, webhook.status, { error: webhook.reason });
  const payload = readLevelPayload(webhook.topic, webhook.body.toString("utf8"));
  if (!payload.ok) return answer(response, 400, { error: payload.error });

  try {
    const outcome = await submitLevelDelivery({
      shop: webhook.shop,
      eventId: webhook.eventId,
      topic: webhook.topic,
      level: payload.level,
    });
    response.writeHead(200, outcome === "duplicate" ? { "x-duplicate": "1" } : {}).end();
  } catch (error) {
    // Nothing of the delivery was kept (its batch rolled back), so Shopify's retry is acted on.
    log.error({ err: error }, `[webhooks] ${webhook.topic} from ${webhook.shop} failed:`);
    answer(response, 500, { error: "The stock update could not be stored; Shopify will retry it" });
  }
}

function answer(response: ServerResponse, status: number, body: { error: string }) {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
