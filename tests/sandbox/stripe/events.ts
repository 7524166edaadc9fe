// Records Stripe events (account.updated, transfer.created, payout.paid, ...) with a snapshot of
// the object as it was, hands each to webhook delivery, and lets tests await a matching event.
import { newId } from "./ids";
import type { Clock } from "./clock";
import type { StripeEvent, StripeState } from "./state";

export interface EmitOptions {
  /** The connected account the event happened on; Connect events carry it as `account`. */
  account?: string | null;
  previousAttributes?: Record<string, unknown>;
  /** The API request that caused the event; null for events from the onboarding page or a control. */
  request?: { id: string; idempotencyKey: string | null } | null;
}

export type EventMatcher = string | ((event: StripeEvent) => boolean);

export interface EventLogDeps {
  state: StripeState;
  clock: Clock;
  apiVersion: string;
  /** Called once per recorded event, after it is stored (webhook delivery hooks in here). */
  onRecorded(event: StripeEvent): void;
}

function matches(matcher: EventMatcher, event: StripeEvent): boolean {
  return typeof matcher === "string" ? event.type === matcher : matcher(event);
}

export class EventLog {
  private readonly listeners = new Set<(event: StripeEvent) => void>();

  constructor(private readonly deps: EventLogDeps) {}

  emit(type: string, object: object, options: EmitOptions = {}): StripeEvent {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      ...(options.account ? { account: options.account } : {}),
      api_version: this.deps.apiVersion,
      created: this.deps.clock.nowSeconds(),
      // A snapshot: later changes to the object must not rewrite history.
      data: {
        object: JSON.parse(JSON.stringify(object)) as Record<string, unknown>,
        ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: options.request?.id ?? null, idempotency_key: options.request?.idempotencyKey ?? null },
      type,
    };
    this.deps.state.events.push(event);
    this.deps.onRecorded(event);
    for (const listener of [...this.listeners]) listener(event);
    return event;
  }

  /** Resolves with the first recorded event that matches, including events recorded before the call. */
  waitFor(matcher: EventMatcher, { timeoutMs = 5_000 } = {}): Promise<StripeEvent> {
    const already = this.deps.state.events.find((event) => matches(matcher, event));
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const listener = (event: StripeEvent) => {
        if (!matches(matcher, event)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.deps.state.events.map((event) => event.type).join(", ") || "none";
        reject(new Error(`Stripe sandbox: no event matching ${typeof matcher === "string" ? matcher : "the predicate"} within ${timeoutMs} ms (events so far: ${seen})`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}
