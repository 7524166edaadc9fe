// Stripe's v1 error shape and the specific errors the emulator answers with. The stripe SDK
// picks its error class from the HTTP status and `type` (see node_modules/stripe/esm/Error.js),
// so status, type and code here decide what the app catches.

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface StripeErrorBody {
  error: {
    type: StripeErrorType;
    message: string;
    code?: string;
    param?: string;
    doc_url?: string;
    request_log_url?: string;
  };
}

export interface StripeApiErrorInit {
  status: number;
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  /**
   * Stripe stores the result of a request once its endpoint began executing, errors included,
   * and replays it for the same idempotency key; failed validation is not stored.
   */
  storedForIdempotency?: boolean;
}

export class StripeApiError extends Error {
  readonly status: number;
  readonly type: StripeErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly storedForIdempotency: boolean;

  constructor(init: StripeApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.storedForIdempotency = init.storedForIdempotency ?? true;
  }

  toBody(): StripeErrorBody {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, "-")}` } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

/** A parameter failed validation: 400, not stored against the idempotency key. */
export function invalidParam(message: string, param?: string, code = "parameter_invalid"): StripeApiError {
  return new StripeApiError({ status: 400, type: "invalid_request_error", message, param, code, storedForIdempotency: false });
}

/** A request that reached its endpoint and was refused there: 400, stored against the idempotency key. */
export function invalidRequest(message: string, options: { param?: string; code?: string; status?: number } = {}): StripeApiError {
  return new StripeApiError({ status: options.status ?? 400, type: "invalid_request_error", message, param: options.param, code: options.code });
}

export function resourceMissing(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError({ status: 404, type: "invalid_request_error", code: "resource_missing", param, message: `No such ${kind}: '${id}'` });
}

export function balanceInsufficient(): StripeApiError {
  return invalidRequest(
    "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance",
    { code: "balance_insufficient" },
  );
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError({
    status: 404,
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    storedForIdempotency: false,
  });
}

export function apiError(): StripeApiError {
  return new StripeApiError({
    status: 500,
    type: "api_error",
    message: "An unknown error occurred (injected by the Stripe sandbox).",
    storedForIdempotency: false,
  });
}

export function rateLimited(): StripeApiError {
  return new StripeApiError({
    status: 429,
    type: "invalid_request_error",
    code: "rate_limit",
    message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
    storedForIdempotency: false,
  });
}
