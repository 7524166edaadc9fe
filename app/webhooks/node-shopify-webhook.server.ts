// Shopify's webhook check for a plain Node request, for the routes served ahead of Remix: the
// HMAC over the exact body bytes and the headers Shopify always sends. It answers as
// receiveShopifyWebhook does (401 for a missing or bad signature, 400 for missing headers) without
// building a web Request or loading the shop's session, which the stock path does not use.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { nodeHeader } from "~/http/node-request";

export type NodeWebhook =
  | { ok: true; shop: string; topic: string; eventId: string; body: Buffer }
  | { ok: false; status: 400 | 401 | 413; reason: string };

// Shopify's payloads are small; a body this size is not from Shopify.
const MAX_BODY_BYTES = 1 << 20;

export async function readShopifyWebhook(request: IncomingMessage, apiSecret: string): Promise<NodeWebhook> {
  const body = await readBody(request);
  if (!body) return { ok: false, status: 413, reason: "The webhook body is larger than 1 MiB" };

  const signature = nodeHeader(request, "x-shopify-hmac-sha256");
  if (!signature) return { ok: false, status: 401, reason: "The webhook has no X-Shopify-Hmac-Sha256 signature" };
  const expected = createHmac("sha256", apiSecret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, reason: "The webhook's HMAC does not match" };

  const shop = nodeHeader(request, "x-shopify-shop-domain");
  const topic = nodeHeader(request, "x-shopify-topic");
  // Event-Id is stable across retries of one event; Webhook-Id is the fallback.
  const eventId = nodeHeader(request, "x-shopify-event-id") ?? nodeHeader(request, "x-shopify-webhook-id");
  const missing = [!shop && "X-Shopify-Shop-Domain", !topic && "X-Shopify-Topic", !eventId && "X-Shopify-Webhook-Id"].filter(Boolean);
  if (!shop || !topic || !eventId) return { ok: false, status: 400, reason: `Missing header: ${missing.join(", ")}` };
  return { ok: true, shop, topic, eventId, body };
}

/** The body, or null past the limit. Events, not an async iterator: a third of the cost here. */
function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? null : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
