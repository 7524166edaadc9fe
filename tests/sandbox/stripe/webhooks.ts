// Signed webhook delivery, as Stripe does it: a JSON POST with
// `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the endpoint secret>`,
// retried when the endpoint answers non-2xx or cannot be reached, every attempt logged.
import { createHmac } from "node:crypto";
import type { StripeEvent, WebhookDeliveryLogEntry } from "./state";

export function signWebhookPayload(payload: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac("sha256", secret).update(`${timestampSeconds}.${payload}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${signature}`;
}

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface WebhookDispatcherOptions {
  endpoint: () => WebhookEndpoint | undefined;
  log: WebhookDeliveryLogEntry[];
  /** Waits before each retry; the number of entries is the number of retries. Stripe spreads them over 3 days. */
  retryDelaysMs: readonly number[];
  /** How long one attempt may take before it counts as failed. */
  attemptTimeoutMs: number;
  /** The unix seconds a signature carries (default: the machine's clock). */
  signedAt?: () => number;
}

export class WebhookDispatcher {
  /** First attempts go out one at a time, in the order the events happened. */
  private queue: Promise<void> = Promise.resolve();
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  /** Queues delivery of an event to the configured endpoint, if there is one. */
  enqueue(event: StripeEvent): void {
    const endpoint = this.options.endpoint();
    if (!endpoint || this.closed) return;
    event.pending_webhooks += 1;
    this.outstanding += 1;
    this.queue = this.queue.then(() => this.attempt(event, endpoint, 1));
  }

  /** Resolves when every queued delivery has succeeded or used up its retries. */
  settled(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.outstanding = 0;
    this.notifyIfIdle();
  }

  private async attempt(event: StripeEvent, endpoint: WebhookEndpoint, attempt: number): Promise<void> {
    if (this.closed) return;
    const payload = JSON.stringify(event, null, 2);
    const entry: WebhookDeliveryLogEntry = { eventId: event.id, type: event.type, url: endpoint.url, attempt, status: null, error: null, ok: false, at: new Date() };
    try {
      const response = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "stripe-signature": signWebhookPayload(payload, endpoint.secret, this.options.signedAt?.() ?? Math.floor(Date.now() / 1000)),
        },
        body: payload,
        signal: AbortSignal.timeout(this.options.attemptTimeoutMs),
      });
      await response.arrayBuffer();
      entry.status = response.status;
      entry.ok = response.ok;
      if (!response.ok) entry.error = `endpoint answered ${response.status}`;
    } catch (error) {
      entry.error = (error as Error).message;
    }
    if (this.closed) return;
    this.options.log.push(entry);
    if (entry.ok) {
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
      return this.finishOne();
    }
    const delay = this.options.retryDelaysMs[attempt - 1];
    if (delay === undefined) return this.finishOne();
    // Retries run on their own timers so one failing event does not hold back the others.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(event, endpoint, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }

  private finishOne(): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (this.outstanding !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
