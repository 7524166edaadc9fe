// Helpers for the emulator's own tests: a webhook receiver that records what arrives and
// answers with scripted statuses, and a shopify-api instance configured like the app's.
import "@shopify/shopify-api/adapters/node";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiVersion, LogSeverity, shopifyApi, type BillingConfig } from "@shopify/shopify-api";
import { sandboxShopify } from "../config";

export interface ReceivedWebhook {
  url: string;
  method: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  status: number;
}

export interface TestReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses for the next requests, in order; 200 once they run out. */
  respondWith(statuses: number[]): void;
  /** Resolves once `count` requests have arrived in total. */
  waitForCount(count: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startTestReceiver(): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = [];
  let script: number[] = [];
  const waiters: { count: number; resolve: (all: ReceivedWebhook[]) => void }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const status = script.shift() ?? 200;
    received.push({ url: request.url ?? "/", method: request.method ?? "GET", headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8"), status });
    response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(received);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith: (statuses) => {
      script = [...statuses];
    },
    waitForCount: (count) =>
      received.length >= count ? Promise.resolve(received) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** shopify-api configured with the sandbox's credentials, as the app configures it; `billing` names the plans it may charge. */
export function testShopifyApi<Billing extends BillingConfig>({ billing }: { billing?: Billing } = {}) {
  return shopifyApi({
    ...(billing && { billing }),
    apiKey: sandboxShopify.apiKey,
    apiSecretKey: sandboxShopify.apiSecret,
    apiVersion: ApiVersion.July26,
    scopes: ["read_products", "read_inventory", "read_locations", "read_orders", "write_discounts"],
    hostName: "live-shows.example.com",
    hostScheme: "https",
    isEmbeddedApp: true,
    // Quiet: the test setup turns console.error into a failure, and a rejected call is what some tests expect.
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
}
