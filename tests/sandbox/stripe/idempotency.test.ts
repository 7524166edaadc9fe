import { describe, expect, it } from "vitest";
import { Clock } from "./clock";
import { IDEMPOTENCY_RETENTION_SECONDS, IdempotencyStore, type IdempotentRequest } from "./idempotency";
import type { IdempotencyEntry } from "./state";

function store() {
  const clock = new Clock();
  return { clock, store: new IdempotencyStore(new Map<string, IdempotencyEntry>(), clock) };
}

const request = (overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
  scope: "platform",
  key: "k",
  method: "POST",
  path: "/v1/transfers",
  params: { amount: "100", metadata: { a: "1", b: "2" } },
  requestId: "req_1",
  ...overrides,
});

describe("IdempotencyStore", () => {
  it("replays the stored answer for the same parameters in any key order", () => {
    const { store: keys } = store();
    const first = keys.begin(request());
    expect(first.kind).toBe("execute");
    if (first.kind === "execute") first.finish({ status: 200, body: { id: "tr_1" } });
    const again = keys.begin(request({ params: { metadata: { b: "2", a: "1" }, amount: "100" }, requestId: "req_2" }));
    expect(again).toEqual({ kind: "replay", response: { status: 200, body: { id: "tr_1" } }, originalRequestId: "req_1" });
  });

  it("refuses other parameters and other endpoints with idempotency_error", () => {
    const { store: keys } = store();
    const first = keys.begin(request());
    if (first.kind === "execute") first.finish({ status: 200, body: {} });
    const otherParams = keys.begin(request({ params: { amount: "200" } }));
    expect(otherParams.kind === "refuse" && [otherParams.error.status, otherParams.error.type]).toEqual([400, "idempotency_error"]);
    const otherPath = keys.begin(request({ path: "/v1/payouts" }));
    expect(otherPath.kind === "refuse" && otherPath.error.message).toMatch(/same endpoint/);
  });

  it("answers 409 while the first request runs, and frees a key whose request stored nothing", () => {
    const { store: keys } = store();
    const first = keys.begin(request());
    const concurrent = keys.begin(request());
    expect(concurrent.kind === "refuse" && concurrent.error.status).toBe(409);
    if (first.kind === "execute") first.finish(null);
    expect(keys.begin(request()).kind).toBe("execute");
  });

  it("scopes keys per account and forgets them after 24 hours", () => {
    const { clock, store: keys } = store();
    const first = keys.begin(request());
    if (first.kind === "execute") first.finish({ status: 200, body: {} });
    expect(keys.begin(request({ scope: "acct_1" })).kind).toBe("execute");
    clock.advance(IDEMPOTENCY_RETENTION_SECONDS);
    expect(keys.begin(request({ params: { amount: "999" } })).kind).toBe("execute");
  });
});
