// A stand-in webhook endpoint for tests of the emulator: records every delivery with its raw
// body and Stripe-Signature, answers with statuses the test chooses, and lets the test await
// a delivery.
import { Router, startHttpServer } from "../http";

export interface ReceivedWebhook {
  rawBody: string;
  signature: string;
  /** The parsed payload, for matching; verify `rawBody` with the signature before trusting it. */
  event: { id: string; type: string; account?: string; data: { object: Record<string, unknown> } };
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses for the next deliveries, in order; afterwards every delivery gets 200. */
  answerNextWith(...statuses: number[]): void;
  waitFor(match: (webhook: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  const listeners = new Set<(webhook: ReceivedWebhook) => void>();
  const router = new Router().add("POST", "/webhooks/stripe", (request, response) => {
    const rawBody = request.rawBody.toString("utf8");
    const webhook: ReceivedWebhook = { rawBody, signature: String(request.headers["stripe-signature"] ?? ""), event: JSON.parse(rawBody) as ReceivedWebhook["event"] };
    received.push(webhook);
    const status = statuses.shift() ?? 200;
    response.writeHead(status, { "content-type": "text/plain" });
    response.end(status < 300 ? "ok" : "failing on purpose");
    for (const listener of [...listeners]) listener(webhook);
  });
  const server = await startHttpServer(router, { name: "webhook receiver" });
  return {
    url: `${server.url}/webhooks/stripe`,
    received,
    answerNextWith: (...next) => statuses.push(...next),
    waitFor: (match, timeoutMs = 5_000) => {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const listener = (webhook: ReceivedWebhook) => {
          if (!match(webhook)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(webhook);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`no matching webhook within ${timeoutMs} ms (received: ${received.map((w) => w.event.type).join(", ") || "none"})`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    close: () => server.close(),
  };
}
