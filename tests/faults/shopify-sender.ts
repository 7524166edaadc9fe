// Webhook delivery as Shopify does it, at the rate of a flash sale: many deliveries in flight at
// once, each retried on a connection error, a timeout or a non-2xx answer with a growing wait,
// every retry carrying the same X-Shopify-Event-Id and X-Shopify-Webhook-Id, and a duplicate of an
// event sent with the same event id under a webhook id of its own. The headers and signature are
// the sandbox's (tests/sandbox/shopify/webhooks.ts); the sandbox's own dispatcher sends first
// attempts one after another, which cannot make a storm, and duplicates every event or none.
import { randomUUID } from "node:crypto";
import { Agent, request } from "undici";
import { sandboxShopify } from "../sandbox/config";
import { readAppConfig } from "../sandbox/shopify/app-config";
import { signedHeaders, type WebhookEvent } from "../sandbox/shopify/webhooks";

/** One copy of an event on its way to the app: an event sent twice is two copies. */
export interface WebhookCopy {
  event: WebhookEvent;
  url: string;
  webhookId: string;
  /** The second copy of an event. */
  duplicate: boolean;
}

export function webhookCopy(event: WebhookEvent, url: string, duplicate = false): WebhookCopy {
  return { event, url, webhookId: randomUUID(), duplicate };
}

export interface SenderPolicy {
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Attempts per copy, the first included. Shopify makes 8 over 4 hours; a fault run's outages last seconds. */
  maxAttempts: number;
  /** Wait before the first retry; doubles with each one, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Shopify counts a delivery failed when the app has not answered within 5 seconds. */
  timeoutMs: number;
}

export const SHOPIFY_LIKE_POLICY: SenderPolicy = { concurrency: 32, maxAttempts: 16, backoffMs: 50, maxBackoffMs: 3_200, timeoutMs: 5_000 };

/** What the app answered one event, over all copies and attempts. */
export interface EventTally {
  /** 200 without x-duplicate: the app acted on the event. More than one is a delivery acted on twice. */
  applied: number;
  /** 200 with x-duplicate: the app knew the event already. */
  duplicates: number;
  /** Attempts with no answer (connection refused or reset, timeout): the app may or may not have acted. */
  unanswered: number;
  /** 5xx answers. */
  serverErrors: number;
  /** Copies that used up their attempts without a 2xx. */
  gaveUp: number;
}

export interface SenderFigures {
  copies: number;
  duplicateCopies: number;
  attempts: number;
  retries: number;
  connectionFailures: number;
  timeouts: number;
  serverErrors: number;
  /** 4xx: the app refused a delivery outright (a signature or payload the test got wrong). */
  clientErrors: number;
  gaveUp: number;
  acknowledged: number;
  /** The longest the app took to answer an attempt it answered. */
  slowestAnswerMs: number;
}

interface Pending {
  copy: WebhookCopy;
  attempt: number;
}

export class ShopifySender {
  readonly tallies = new Map<string, EventTally>();
  readonly figures: SenderFigures = {
    copies: 0,
    duplicateCopies: 0,
    attempts: 0,
    retries: 0,
    connectionFailures: 0,
    timeouts: 0,
    serverErrors: 0,
    clientErrors: 0,
    gaveUp: 0,
    acknowledged: 0,
    slowestAnswerMs: 0,
  };
  /** The first answers of each kind that were not 2xx, for a failure message. */
  readonly samples: string[] = [];
  private readonly agent: Agent;
  private readonly apiVersion = readAppConfig().webhookApiVersion;
  private readonly progressListeners = new Set<(acknowledged: number) => void>();
  private readonly attemptListeners = new Set<() => void>();

  constructor(
    private readonly policy: SenderPolicy = SHOPIFY_LIKE_POLICY,
    private readonly apiSecret: string = sandboxShopify.apiSecret,
  ) {
    this.agent = new Agent({ headersTimeout: policy.timeoutMs, bodyTimeout: policy.timeoutMs, connectTimeout: policy.timeoutMs, keepAliveTimeout: 30_000 });
  }

  /** Calls back after each acknowledged copy with the count so far (faults are timed by it). */
  onProgress(listener: (acknowledged: number) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Resolves true once the figures meet the condition (checked after every attempt), or false after timeoutMs. */
  until(condition: (figures: Readonly<SenderFigures>) => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition(this.figures)) return;
        finish(true);
      };
      const finish = (met: boolean) => {
        clearTimeout(timer);
        this.attemptListeners.delete(check);
        resolve(met);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.attemptListeners.add(check);
      check();
    });
  }

  /** Delivers every copy in order of the list, retrying until each is acknowledged or out of attempts. */
  async send(copies: readonly WebhookCopy[]): Promise<void> {
    this.figures.copies += copies.length;
    for (const copy of copies) {
      if (copy.duplicate) this.figures.duplicateCopies++;
      if (!this.tallies.has(copy.event.eventId)) this.tallies.set(copy.event.eventId, { applied: 0, duplicates: 0, unanswered: 0, serverErrors: 0, gaveUp: 0 });
    }
    const queue = copies.values();
    // A pool of delivery workers, each taking the next copy once its current one is acknowledged
    // or given up: while the app is down the workers wait out their backoff, as Shopify's do,
    // rather than spinning through fresh deliveries that fail in a millisecond.
    const worker = async () => {
      for (let item = queue.next(); !item.done; item = queue.next()) await this.deliver(item.value);
    };
    await Promise.all(Array.from({ length: this.policy.concurrency }, worker));
  }

  private async deliver(copy: WebhookCopy) {
    for (let attempt = 1; ; attempt++) {
      const ok = await this.attempt({ copy, attempt });
      for (const listener of this.attemptListeners) listener();
      if (ok) return;
      if (attempt >= this.policy.maxAttempts) {
        this.figures.gaveUp++;
        (this.tallies.get(copy.event.eventId) as EventTally).gaveUp++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.policy.backoffMs * 2 ** (attempt - 1), this.policy.maxBackoffMs)));
    }
  }

  async close() {
    await this.agent.close();
  }

  private async attempt({ copy, attempt }: Pending): Promise<boolean> {
    this.figures.attempts++;
    if (attempt > 1) this.figures.retries++;
    const tally = this.tallies.get(copy.event.eventId) as EventTally;
    const sent = performance.now();
    try {
      const response = await request(copy.url, {
        method: "POST",
        dispatcher: this.agent,
        headers: signedHeaders(copy.event, copy.webhookId, this.apiSecret, this.apiVersion),
        body: copy.event.body,
      });
      const body = await response.body.text();
      this.figures.slowestAnswerMs = Math.max(this.figures.slowestAnswerMs, Math.round(performance.now() - sent));
      if (response.statusCode >= 200 && response.statusCode < 300) {
        if (response.headers["x-duplicate"] === "1") tally.duplicates++;
        else tally.applied++;
        this.figures.acknowledged++;
        for (const listener of this.progressListeners) listener(this.figures.acknowledged);
        return true;
      }
      if (response.statusCode >= 500) {
        this.figures.serverErrors++;
        tally.serverErrors++;
      } else {
        this.figures.clientErrors++;
      }
      this.sample(`${response.statusCode} ${body.slice(0, 200)}`);
      return false;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") this.figures.timeouts++;
      else this.figures.connectionFailures++;
      tally.unanswered++;
      this.sample(`${code || (error as Error).name}: ${(error as Error).message}`);
      return false;
    }
  }

  private sample(line: string) {
    const kind = line.split(/[ :]/)[0];
    if (this.samples.length < 10 && !this.samples.some((seen) => seen.split(/[ :]/)[0] === kind)) this.samples.push(line);
  }
}
