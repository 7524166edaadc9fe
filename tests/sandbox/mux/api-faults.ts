// A switch that makes the next N API calls fail, so the app's retry and error paths can be
// exercised: 500 (Mux is down) or 429 (rate limited).
import { MuxApiError } from "./api-errors";

export type FaultStatus = 500 | 429;

export class FaultSwitch {
  private queue: FaultStatus[] = [];

  failNext(count: number, status: FaultStatus) {
    for (let i = 0; i < count; i++) this.queue.push(status);
  }

  clear() {
    this.queue = [];
  }

  pending(): number {
    return this.queue.length;
  }

  /** Consumes one armed fault, if any, as the error the call should answer with. */
  take(): MuxApiError | undefined {
    const status = this.queue.shift();
    if (status === 429) {
      return new MuxApiError(429, "too_many_requests", ["Too many requests, please slow down."], { "retry-after": "1" });
    }
    if (status === 500) return new MuxApiError(500, "internal_error", ["Internal server error (sandbox fault)."]);
    return undefined;
  }
}
