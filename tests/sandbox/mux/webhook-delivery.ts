// Delivers signed webhooks to the app one at a time, in the order they happened, retrying a
// non-2xx answer a few times with a short backoff (Mux retries for 24 hours; tests cannot wait
// that long). Every attempt is logged, and `settled()` resolves once nothing is left to send.
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { MuxWebhookAttempt, MuxWebhookEvent } from "./webhook-events";
import { muxSignatureHeader } from "./webhook-signature";

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error?: string;
}

export interface DeliveryRecord {
  eventId: string;
  type: string;
  url: string | undefined;
  /** `skipped`: no webhook URL was configured when the event happened, as with Mux. */
  state: "pending" | "delivered" | "failed" | "skipped";
  attempts: DeliveryAttempt[];
}

export interface WebhookDispatcherOptions {
  url?: string;
  secret: string;
  maxAttempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  /** The world's clock (default: the machine's): events are stamped, attempts logged and bodies signed with it. */
  now?: () => Date;
}

type EventListener = (event: MuxWebhookEvent) => void;

const WEBHOOK_ID = 1;

export class WebhookDispatcher {
  private url: string | undefined;
  private readonly secret: string;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly emitted: MuxWebhookEvent[] = [];
  private readonly records: DeliveryRecord[] = [];
  private readonly listeners = new Set<EventListener>();
  private readonly closing = new AbortController();
  private chain: Promise<void> = Promise.resolve();
  private readonly releases = new Set<() => void>();

  constructor(options: WebhookDispatcherOptions) {
    this.url = options.url;
    this.secret = options.secret;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 100;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? (() => new Date());
  }

  setUrl(url: string | undefined) {
    this.url = url;
  }

  emit(event: MuxWebhookEvent) {
    // Built the moment it happened; stamped here, on the emulator's clock.
    event.created_at = this.now().toISOString();
    this.emitted.push(event);
    for (const listener of this.listeners) listener(event);
    const record: DeliveryRecord = { eventId: event.id, type: event.type, url: this.url, state: "pending", attempts: [] };
    this.records.push(record);
    if (!record.url || this.closing.signal.aborted) {
      record.state = "skipped";
      return;
    }
    this.chain = this.chain.then(() => this.deliver(event, record));
  }

  /** Every event emitted so far, oldest first (delivered or not). */
  events(): MuxWebhookEvent[] {
    return structuredClone(this.emitted);
  }

  log(): DeliveryRecord[] {
    return structuredClone(this.records);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Holds back every delivery from now on until the returned function runs, as when Mux's
   * webhooks arrive late: the app then sees what it did itself before Mux's news of it.
   */
  hold(): () => void {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.releases.add(release);
    this.chain = this.chain.then(() => held);
    return () => {
      this.releases.delete(release);
      release();
    };
  }

  /** Resolves once every queued delivery has succeeded or used up its attempts. */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.chain;
      await current;
      if (current === this.chain) return;
    }
  }

  close() {
    this.closing.abort();
    // A delivery still held back is dropped with the rest, never left waiting.
    for (const release of this.releases) release();
    this.releases.clear();
  }

  private async deliver(event: MuxWebhookEvent, record: DeliveryRecord) {
    const url = record.url as string;
    const previous: MuxWebhookAttempt[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (this.closing.signal.aborted) break;
      const body = JSON.stringify({ ...event, attempts: previous });
      const at = this.now().toISOString();
      let status: number | null = null;
      let responseBody: string | null = null;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "mux-signature": muxSignatureHeader(body, this.secret, Math.floor(this.now().getTime() / 1000)) },
          body,
          signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs)]),
        });
        status = response.status;
        responseBody = (await response.text()).slice(0, 1000);
        record.attempts.push({ at, status });
      } catch (error) {
        record.attempts.push({ at, status: null, error: (error as Error).message });
      }
      if (status !== null && status >= 200 && status < 300) {
        record.state = "delivered";
        return;
      }
      previous.push({
        id: randomUUID(),
        address: url,
        created_at: at,
        max_attempts: this.maxAttempts,
        response_status_code: status,
        response_body: responseBody,
        response_headers: {},
        webhook_id: WEBHOOK_ID,
      });
      if (attempt < this.maxAttempts) {
        // Linear backoff: long enough for a restarting receiver, short enough for a test.
        await delay(this.backoffMs * attempt, undefined, { signal: this.closing.signal }).catch(() => undefined);
      }
    }
    record.state = "failed";
  }
}
