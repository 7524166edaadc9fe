// POST /webhooks/inventory_levels/update as a plain Node handler, which server.ts mounts ahead
// of Remix: a flash sale sends thousands a second, and each one costs here only what it must
// (HMAC, parse, validate, a share of a batch's commit). tests/bench/RESULTS.md has the figures.
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "~/env.server";
import { describePayloadError, inventoryLevelUpdate } from "~/webhooks/payloads";
import { readShopifyWebhook } from "~/webhooks/node-shopify-webhook.server";
import { parseInventoryLevelGid } from "./gid";
import { submitLevelDelivery } from "./level-deliveries.server";

export async function handleInventoryLevelWebhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const webhook = await readShopifyWebhook(request, env().SHOPIFY_API_SECRET);
  if (!webhook.ok) return answer(response, webhook.status, { error: webhook.reason });
  let json: unknown;
  try {
    json = JSON.parse(webhook.body.toString("utf8"));
  } catch {
    return answer(response, 400, { error: `${webhook.topic} payload: body is not JSON` });
  }
  const parsed = inventoryLevelUpdate.safeParse(json);
  if (!parsed.success) return answer(response, 400, { error: describePayloadError(webhook.topic, parsed.error) });

  const { admin_graphql_api_id: gid, available, updated_at: updatedAt } = parsed.data;
  try {
    const outcome = await submitLevelDelivery({
      shop: webhook.shop,
      eventId: webhook.eventId,
      topic: webhook.topic,
      // Shopify sends null for an item that does not track inventory; its variant is always
      // available through the tracked flag, whatever is stored here.
      level: { ...parseInventoryLevelGid(gid), available: available ?? 0, updatedAt: new Date(updatedAt) },
    });
    response.writeHead(200, outcome === "duplicate" ? { "x-duplicate": "1" } : {}).end();
  } catch (error) {
    // Nothing of the delivery was kept (its batch rolled back), so Shopify's retry is acted on.
    console.error(`[webhooks] ${webhook.topic} from ${webhook.shop} failed:`, error);
    answer(response, 500, { error: "The stock update could not be stored; Shopify will retry it" });
  }
}

function answer(response: ServerResponse, status: number, body: { error: string }) {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
