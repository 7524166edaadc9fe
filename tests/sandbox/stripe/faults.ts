// Fault switches for the API: the next N matching requests fail in a chosen way, so tests can
// show that the app's retries and idempotency keys never pay a creator twice.
//
//   api_error                500 api_error before the request runs (nothing happens, nothing is stored)
//   rate_limit               429 rate_limit before the request runs
//   timeout                  no answer at all; the client gives up on its own timeout.
//                            With `commit: true` the request runs (and its answer is stored) first.
//   disconnect_after_commit  the request runs and its answer is stored, then the connection is
//                            destroyed: "crashed after the transfer was created but before the
//                            response was sent". A retry with the same idempotency key replays it.
//   delay                    the request holds its idempotency key for `delayMs` before running,
//                            so a concurrent request with the same key meets a 409.

export type FaultKind = "api_error" | "rate_limit" | "timeout" | "disconnect_after_commit" | "delay";

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests this fault hits (default 1). */
  times?: number;
  /** Only requests with this method (e.g. "POST"). */
  method?: string;
  /** Only requests to this exact path, or whose path matches this pattern. */
  path?: string | RegExp;
  /** For `delay`: how long to hold the request. */
  delayMs?: number;
  /** For `timeout`: run the request before going silent. */
  commit?: boolean;
}

export interface ArmedFault {
  readonly id: number;
  readonly spec: FaultSpec;
  remaining: number;
  /** Requests this fault has hit so far. */
  hits: number;
}

export class FaultSwitchboard {
  private nextId = 1;
  private readonly armed: ArmedFault[] = [];

  inject(spec: FaultSpec): ArmedFault {
    if (spec.kind === "delay" && !(typeof spec.delayMs === "number" && spec.delayMs >= 0)) {
      throw new Error("Stripe sandbox: a delay fault needs delayMs");
    }
    const fault: ArmedFault = { id: this.nextId++, spec, remaining: spec.times ?? 1, hits: 0 };
    this.armed.push(fault);
    return fault;
  }

  /** Takes one hit of the first armed fault that matches the request, if any. */
  take(method: string, path: string): ArmedFault | undefined {
    const fault = this.armed.find((candidate) => candidate.remaining > 0 && matches(candidate.spec, method, path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }

  /** Faults that still have hits left. */
  pending(): ArmedFault[] {
    return this.armed.filter((fault) => fault.remaining > 0);
  }

  clear(): void {
    this.armed.length = 0;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  if (spec.path === undefined) return true;
  return typeof spec.path === "string" ? spec.path === path : spec.path.test(path);
}
