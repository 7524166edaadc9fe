// The request pipeline every /v1 endpoint goes through, in Stripe's order:
// authenticate → injected faults → Stripe-Account → idempotency key → run the endpoint →
// store the answer for the key → answer (or, when a fault says so, go silent or drop the connection).
import type { ServerResponse } from "node:http";
import { sendJson, type Router, type SandboxRequest } from "../http";
import { authenticate, redactKey, presentedKey } from "./auth";
import { apiError, invalidParam, rateLimited, StripeApiError, unrecognizedUrl } from "./errors";
import type { FaultSwitchboard } from "./faults";
import { decodeForm, FormDecodeError, type FormObject, type FormValue } from "./form";
import { newId } from "./ids";
import type { IdempotencyDecision, IdempotencyStore } from "./idempotency";
import { PLATFORM, type ApiRequestLogEntry, type StripeState } from "./state";

export interface ApiCall {
  /** Decoded form body (POST) or query string (GET, DELETE). */
  params: FormObject;
  /** Path parameters, e.g. { id: "tr_..." } for /v1/transfers/:id. */
  path: Record<string, string>;
  /** The connected account named by Stripe-Account, or null when the platform acts for itself. */
  account: string | null;
  request: { id: string; idempotencyKey: string | null };
}

export interface ApiRoute {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Whether the endpoint may act on a connected account through the Stripe-Account header. */
  connect: boolean;
  /** Returns the response body (answered with 200) or throws a StripeApiError. */
  handle(call: ApiCall): object;
}

export interface ApiPipelineDeps {
  state: StripeState;
  secretKey: () => string;
  apiVersion: string;
  faults: FaultSwitchboard;
  idempotency: IdempotencyStore;
  /** A timer the emulator cancels when it closes. */
  sleep(ms: number): Promise<void>;
}

function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function hasExpansions(value: FormValue | undefined): value is FormValue[] {
  return Array.isArray(value) && value.length > 0;
}

export function mountApi(router: Router, deps: ApiPipelineDeps, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    router.add(route.method, route.path, (request, response) => runApiRequest(deps, route, request, response));
  }
  // Anything else under /v1 gets Stripe's "Unrecognized request URL", after authentication like every call.
  router.add("*", "/v1/*", (request, response) => {
    const unknown: ApiRoute = {
      method: "GET",
      path: request.url.pathname,
      connect: true,
      handle: () => {
        throw unrecognizedUrl(request.method, request.url.pathname);
      },
    };
    return runApiRequest(deps, unknown, request, response);
  });
}

async function runApiRequest(deps: ApiPipelineDeps, route: ApiRoute, request: SandboxRequest, response: ServerResponse): Promise<void> {
  const requestId = newId("req", 14);
  const method = request.method;
  const path = request.url.pathname;
  // The SDK sends an Idempotency-Key on every POST; Stripe ignores keys on GET and DELETE.
  const idempotencyKey = method === "POST" ? (header(request, "idempotency-key") ?? null) : null;
  const accountHeader = header(request, "stripe-account") ?? null;
  const log: ApiRequestLogEntry = { requestId, method, path, account: accountHeader, idempotencyKey, status: 0, outcome: "answered", fault: null };
  deps.state.requests.push(log);

  const headers: Record<string, string> = {
    "request-id": requestId,
    "stripe-version": header(request, "stripe-version") ?? deps.apiVersion,
    ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    ...(accountHeader ? { "stripe-account": accountHeader } : {}),
  };
  const answer = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    log.status = status;
    sendJson(response, status, body, { ...headers, ...extra });
  };
  const fail = (error: StripeApiError) => answer(error.status, error.toBody());
  const goSilent = () => {
    // No answer: the client's own timeout ends the exchange (or the emulator closing does).
    log.outcome = "hung";
  };

  const authError = authenticate(header(request, "authorization"), deps.secretKey());
  if (authError) return fail(authError);

  let params: FormObject;
  try {
    params = decodeForm(method === "POST" ? request.rawBody.toString("utf8") : request.url.search.slice(1));
  } catch (error) {
    if (error instanceof FormDecodeError) return fail(invalidParam(error.message, error.param));
    throw error;
  }

  const fault = deps.faults.take(method, path);
  log.fault = fault?.spec.kind ?? null;
  if (fault?.spec.kind === "api_error") return fail(apiError());
  if (fault?.spec.kind === "rate_limit") return fail(rateLimited());
  if (fault?.spec.kind === "timeout" && !fault.spec.commit) return goSilent();

  if (accountHeader) {
    if (!route.connect) {
      return fail(
        invalidParam(
          `The Stripe sandbox does not accept the Stripe-Account header on ${method} ${path}; it acts on connected accounts for the account, balance, payout and event endpoints.`,
        ),
      );
    }
    if (!deps.state.accounts.has(accountHeader)) {
      const key = presentedKey(header(request, "authorization")) ?? "";
      return fail(
        new StripeApiError({
          status: 403,
          type: "invalid_request_error",
          code: "account_invalid",
          message: `The provided key '${redactKey(key)}' does not have access to account '${accountHeader}' (or that account does not exist). Application access may have been revoked.`,
          storedForIdempotency: false,
        }),
      );
    }
  }
  if (hasExpansions(params.expand)) {
    return fail(invalidParam(`The Stripe sandbox does not expand objects (asked for: ${params.expand.join(", ")}).`, "expand"));
  }

  let decision: IdempotencyDecision | undefined;
  if (idempotencyKey !== null) {
    decision = deps.idempotency.begin({ scope: accountHeader ?? PLATFORM, key: idempotencyKey, method, path, params, requestId });
    if (decision.kind === "refuse") return fail(decision.error);
    if (decision.kind === "replay") {
      log.outcome = "replayed";
      return answer(decision.response.status, decision.response.body, { "idempotent-replayed": "true", "original-request": decision.originalRequestId });
    }
  }

  if (fault?.spec.kind === "delay") await deps.sleep(fault.spec.delayMs ?? 0);

  let status = 200;
  let body: unknown;
  let keep = true;
  try {
    // A snapshot: the stored answer must not change when the object changes later.
    body = JSON.parse(JSON.stringify(route.handle({ params, path: request.params, account: accountHeader, request: { id: requestId, idempotencyKey } })));
  } catch (error) {
    const stripeError =
      error instanceof StripeApiError
        ? error
        : new StripeApiError({ status: 500, type: "api_error", message: `Stripe sandbox failure: ${(error as Error).message}`, storedForIdempotency: false });
    status = stripeError.status;
    body = stripeError.toBody();
    keep = stripeError.storedForIdempotency;
  }
  if (decision?.kind === "execute") decision.finish(keep ? { status, body } : null);

  if (fault?.spec.kind === "disconnect_after_commit") {
    log.outcome = "disconnected";
    response.destroy();
    return;
  }
  if (fault?.spec.kind === "timeout") return goSilent();
  answer(status, body);
}
