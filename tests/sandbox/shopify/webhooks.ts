// Webhook delivery as Shopify does it: the subscriptions declared in shopify.app.toml, signed
// POSTs with Shopify's headers, at-least-once delivery with retries on failure, and, when a
// test asks, the misbehaviour the app must survive: duplicates, delays and reordering.
import { createHmac, randomUUID } from "node:crypto";
import { deliveryUrl, type AppConfig, type WebhookSubscriptionConfig } from "./app-config";
import { stringifyRawJson } from "./raw-json";
import type { SandboxChange, SandboxState, SandboxTopic } from "./state";
import { webhookPayload } from "./webhook-payloads";

export interface WebhookSwitches {
  /** Send every delivery twice: same X-Shopify-Event-Id, a new X-Shopify-Webhook-Id. */
  duplicate: boolean;
  /** Wait this long after the event before the first attempt. */
  delayMs: number;
  /** Hold events until `batchSize` are waiting (or flush()), then deliver them in this order. */
  outOfOrder: { order: "reverse" | "shuffle"; batchSize: number; seed?: number } | null;
  /** Attempts per delivery, the first included (Shopify makes 8 over 4 hours; the sandbox a few, quickly). */
  maxAttempts: number;
  /** Wait before the first retry; doubles each time. */
  backoffMs: number;
  /** Shopify counts a delivery failed when the app takes longer than 5 seconds. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_SWITCHES: WebhookSwitches = {
  duplicate: false,
  delayMs: 0,
  outOfOrder: null,
  maxAttempts: 4,
  backoffMs: 50,
  timeoutMs: 5000,
};

/** One event as emitted: every delivery of it carries the same event id and body. */
export interface WebhookEvent {
  eventId: string;
  topic: SandboxTopic;
  shop: string;
  triggeredAt: string;
  body: string;
}

/** One HTTP attempt. status is null when no response came (connection refused, timeout). */
export interface DeliveryAttempt {
  eventId: string;
  webhookId: string;
  topic: SandboxTopic;
  shop: string;
  url: string;
  attempt: number;
  status: number | null;
  error?: string;
  duplicate: boolean;
  at: string;
}

interface Delivery {
  event: WebhookEvent;
  url: string;
  dueAt: number;
}

/** Topics Shopify still sends to an app that has been uninstalled. */
const SENT_AFTER_UNINSTALL = new Set<SandboxTopic>(["app/uninstalled", "shop/redact"]);

export class WebhookDispatcher {
  readonly events: WebhookEvent[] = [];
  readonly log: DeliveryAttempt[] = [];
  private switches: WebhookSwitches = { ...DEFAULT_WEBHOOK_SWITCHES };
  private held: Delivery[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  /** First attempts go out one after another, so without switches the app sees events in order. */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly options: {
      state: SandboxState;
      appUrl: string;
      apiSecret: string;
      config: Pick<AppConfig, "subscriptions" | "webhookApiVersion">;
    },
  ) {
    this.unsubscribe = options.state.on((change) => this.onChange(change));
  }

  get current(): Readonly<WebhookSwitches> {
    return this.switches;
  }

  configure(patch: Partial<WebhookSwitches>): Readonly<WebhookSwitches> {
    this.switches = { ...this.switches, ...patch };
    if (!this.switches.outOfOrder) this.flush();
    return this.switches;
  }

  /** Back to well-behaved delivery; anything held is released first. */
  reset(): void {
    this.flush();
    this.switches = { ...DEFAULT_WEBHOOK_SWITCHES };
  }

  subscriptionsFor(topic: string): WebhookSubscriptionConfig[] {
    return this.options.config.subscriptions.filter((subscription) => subscription.topic === topic);
  }

  /** Releases held deliveries now, in the out-of-order switch's order. */
  flush(): void {
    const batch = this.held;
    this.held = [];
    if (batch.length === 0) return;
    const mode = this.switches.outOfOrder ?? { order: "reverse" as const, seed: 1 };
    const ordered = mode.order === "reverse" ? [...batch].reverse() : shuffled(batch, mode.seed ?? 1);
    for (const delivery of ordered) this.schedule(delivery);
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Resolves when every delivery has succeeded or used up its attempts (held ones are flushed first unless told not to). */
  async settled({ flush = true }: { flush?: boolean } = {}): Promise<void> {
    if (flush) this.flush();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  attemptsFor(filter: Partial<Pick<DeliveryAttempt, "topic" | "shop" | "eventId">>): DeliveryAttempt[] {
    return this.log.filter(
      (entry) =>
        (filter.topic === undefined || entry.topic === filter.topic) &&
        (filter.shop === undefined || entry.shop === filter.shop) &&
        (filter.eventId === undefined || entry.eventId === filter.eventId),
    );
  }

  /** Stops listening and makes no further attempts (in-flight requests finish on their own). */
  close(): void {
    this.closed = true;
    this.held = [];
    this.unsubscribe();
  }

  // ------------------------------------------------------------------ internals

  private onChange(change: SandboxChange): void {
    const { state } = this.options;
    if (!state.hasShop(change.shop)) return;
    const shop = state.getShop(change.shop);
    if (!shop.installed && !SENT_AFTER_UNINSTALL.has(change.topic)) return;
    const subscriptions = this.subscriptionsFor(change.topic);
    if (subscriptions.length === 0) return;
    const event: WebhookEvent = {
      eventId: randomUUID(),
      topic: change.topic,
      shop: shop.domain,
      triggeredAt: change.at,
      body: stringifyRawJson(webhookPayload(change, shop)),
    };
    this.events.push(event);
    for (const subscription of subscriptions) {
      const delivery: Delivery = { event, url: deliveryUrl(this.options.appUrl, subscription.uri), dueAt: Date.now() + this.switches.delayMs };
      if (this.switches.outOfOrder) {
        this.held.push(delivery);
        if (this.held.length >= this.switches.outOfOrder.batchSize) this.flush();
      } else {
        this.schedule(delivery);
      }
    }
  }

  private schedule(delivery: Delivery): void {
    const copies = this.switches.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const webhookId = randomUUID();
      const first = this.chain.then(async () => {
        const wait = delivery.dueAt - Date.now();
        if (wait > 0) await sleep(wait);
        if (this.closed) return;
        const ok = await this.attempt(delivery, webhookId, 1, copy > 0);
        if (!ok) this.track(this.retry(delivery, webhookId, copy > 0));
      });
      this.chain = first;
      this.track(first);
    }
  }

  private async retry(delivery: Delivery, webhookId: string, duplicate: boolean): Promise<void> {
    for (let attempt = 2; attempt <= this.switches.maxAttempts; attempt++) {
      await sleep(this.switches.backoffMs * 2 ** (attempt - 2));
      if (this.closed) return;
      if (await this.attempt(delivery, webhookId, attempt, duplicate)) return;
    }
  }

  private async attempt(delivery: Delivery, webhookId: string, attempt: number, duplicate: boolean): Promise<boolean> {
    const { event, url } = delivery;
    const entry: DeliveryAttempt = { eventId: event.eventId, webhookId, topic: event.topic, shop: event.shop, url, attempt, status: null, duplicate, at: new Date().toISOString() };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: signedHeaders(event, webhookId, this.options.apiSecret, this.options.config.webhookApiVersion),
        body: event.body,
        signal: AbortSignal.timeout(this.switches.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      entry.status = response.status;
    } catch (error) {
      entry.error = describeError(error);
    }
    this.log.push(entry);
    return entry.status !== null && entry.status >= 200 && entry.status < 300;
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

/** The headers Shopify puts on a webhook; the HMAC is over the exact body bytes. */
export function signedHeaders(event: WebhookEvent, webhookId: string, apiSecret: string, apiVersion: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Shopify-Captain-Hook",
    "x-shopify-topic": event.topic,
    "x-shopify-hmac-sha256": signWebhookBody(event.body, apiSecret),
    "x-shopify-shop-domain": event.shop,
    "x-shopify-api-version": apiVersion,
    "x-shopify-webhook-id": webhookId,
    "x-shopify-event-id": event.eventId,
    "x-shopify-triggered-at": event.triggeredAt,
  };
}

export function signWebhookBody(body: string | Buffer, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(body).digest("base64");
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(": ");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A seeded shuffle (mulberry32), so an out-of-order run can be repeated. */
function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  // A shuffle that happens to keep the original order would prove nothing; reverse instead.
  return result.length > 1 && result.every((item, i) => item === items[i]) ? [...items].reverse() : result;
}
