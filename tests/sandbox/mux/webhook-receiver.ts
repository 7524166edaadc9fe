// A stand-in for the app's webhook endpoint, for tests: records every delivery with its raw
// body and headers, can refuse the next few, and lets a test await an event by type.
import type { IncomingHttpHeaders } from "node:http";
import { Router, sendJson, startHttpServer } from "../http";

export interface ReceivedWebhook {
  rawBody: string;
  headers: IncomingHttpHeaders;
  type: string;
  eventId: string;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Accepted deliveries (2xx) in arrival order. */
  accepted(): ReceivedWebhook[];
  refuseNext(count: number, status?: number): void;
  /** Resolves with the first accepted delivery of `type` matching `where`, past or future. */
  waitFor(type: string, where?: (body: { data: { id?: string } & Record<string, unknown> }) => boolean): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters = new Set<(delivery: ReceivedWebhook) => void>();
  const refusals: number[] = [];

  const router = new Router().add("POST", "/webhooks/mux", (request, response) => {
    const rawBody = request.rawBody.toString("utf8");
    const body = JSON.parse(rawBody) as { type: string; id: string };
    const status = refusals.shift() ?? 200;
    const delivery = { rawBody, headers: request.headers, type: body.type, eventId: body.id, status };
    received.push(delivery);
    sendJson(response, status, { ok: status < 300 });
    if (status < 300) for (const waiter of waiters) waiter(delivery);
  });
  const server = await startHttpServer(router, { name: "webhook-receiver" });

  const accepted = () => received.filter((delivery) => delivery.status < 300);
  return {
    url: `${server.url}/webhooks/mux`,
    received,
    accepted,
    refuseNext: (count, status = 500) => {
      for (let i = 0; i < count; i++) refusals.push(status);
    },
    waitFor: (type, where = () => true) => {
      const matches = (delivery: ReceivedWebhook) => delivery.type === type && where(JSON.parse(delivery.rawBody));
      const already = accepted().find(matches);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => {
        const waiter = (delivery: ReceivedWebhook) => {
          if (!matches(delivery)) return;
          waiters.delete(waiter);
          resolve(delivery);
        };
        waiters.add(waiter);
      });
    },
    close: () => server.close(),
  };
}
