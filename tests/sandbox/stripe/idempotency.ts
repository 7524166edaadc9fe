// Stripe's idempotency keys (https://docs.stripe.com/api/idempotent_requests): the first POST
// with a key runs and its answer (status and body, errors included) is kept for 24 hours per
// account; the same key with the same parameters replays that answer; with other parameters,
// or on another endpoint, it is refused; while the first request still runs, a second one gets 409.
import type { Clock } from "./clock";
import { StripeApiError } from "./errors";
import { canonicalJson, type FormObject } from "./form";
import type { IdempotencyEntry, StoredResponse } from "./state";

export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;

export interface IdempotentRequest {
  /** PLATFORM or the acct_ id from Stripe-Account. */
  scope: string;
  key: string;
  method: string;
  path: string;
  params: FormObject;
  requestId: string;
}

export type IdempotencyDecision =
  /** Run the request, then call `finish` with what to keep (null keeps nothing, so the key can run again). */
  | { kind: "execute"; finish(response: StoredResponse | null): void }
  | { kind: "replay"; response: StoredResponse; originalRequestId: string }
  | { kind: "refuse"; error: StripeApiError };

function idempotencyError(status: number, message: string): StripeApiError {
  return new StripeApiError({ status, type: "idempotency_error", message, storedForIdempotency: false });
}

export class IdempotencyStore {
  constructor(
    private readonly entries: Map<string, IdempotencyEntry>,
    private readonly clock: Clock,
  ) {}

  begin(request: IdempotentRequest): IdempotencyDecision {
    if (request.key.length > 255) {
      return { kind: "refuse", error: new StripeApiError({ status: 400, type: "invalid_request_error", message: "Idempotency keys can be at most 255 characters long.", storedForIdempotency: false }) };
    }
    const mapKey = `${request.scope}\u0000${request.key}`;
    const fingerprint = canonicalJson(request.params);
    const existing = this.entries.get(mapKey);
    if (existing && existing.created + IDEMPOTENCY_RETENTION_SECONDS > this.clock.nowSeconds()) {
      if (existing.method !== request.method || existing.path !== request.path) {
        return {
          kind: "refuse",
          error: idempotencyError(
            400,
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.method} ${existing.path}'). Try using a key other than '${request.key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (existing.fingerprint !== fingerprint) {
        return {
          kind: "refuse",
          error: idempotencyError(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${request.key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (!existing.response) {
        return {
          kind: "refuse",
          error: idempotencyError(
            409,
            `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${request.key}. Please try again later.`,
          ),
        };
      }
      return { kind: "replay", response: existing.response, originalRequestId: existing.originalRequestId };
    }

    const entry: IdempotencyEntry = {
      scope: request.scope,
      key: request.key,
      method: request.method,
      path: request.path,
      fingerprint,
      originalRequestId: request.requestId,
      created: this.clock.nowSeconds(),
      response: undefined,
    };
    this.entries.set(mapKey, entry);
    return {
      kind: "execute",
      finish: (response) => {
        if (this.entries.get(mapKey) !== entry) return;
        if (response) entry.response = response;
        else this.entries.delete(mapKey);
      },
    };
  }
}
