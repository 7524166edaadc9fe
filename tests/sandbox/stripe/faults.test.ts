// Fault switches against the real SDK's retry logic: whatever fails, one idempotency key
// means one transfer.
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sandboxStripe } from "../config";
import { onboardedAccount, startStripeTestSandbox, type StripeTestSandbox } from "./test-support";

let sandbox: StripeTestSandbox;
let stripe: Stripe;
let destination: string;

beforeEach(async () => {
  sandbox = await startStripeTestSandbox();
  stripe = sandbox.client();
  destination = (await onboardedAccount(stripe, sandbox.emulator)).id;
  sandbox.emulator.setPlatformBalance({ usd: 100_000 });
});

afterEach(async () => {
  await sandbox.close();
});

function transferRequests() {
  return sandbox.emulator.state.requests.filter((request) => request.method === "POST" && request.path === "/v1/transfers");
}

/** A raw API call, for the cases where the SDK's own retries would hide what happened. */
function postTransfer(idempotencyKey: string) {
  return fetch(`${sandbox.emulator.url}/v1/transfers`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandboxStripe.secretKey}`, "content-type": "application/x-www-form-urlencoded", "idempotency-key": idempotencyKey },
    body: new URLSearchParams({ amount: "700", currency: "usd", destination }),
  });
}

describe("fault switches", () => {
  it("a 500 then success, retried by the SDK with one key, makes exactly one transfer", async () => {
    const fault = sandbox.emulator.faults.inject({ kind: "api_error", path: "/v1/transfers" });
    const retrying = sandbox.client({ maxNetworkRetries: 2 });
    const transfer = await retrying.transfers.create({ amount: 1_000, currency: "usd", destination }, { idempotencyKey: "run-1-creator-1" });

    expect(transfer.id).toMatch(/^tr_/);
    expect(fault.hits).toBe(1);
    expect(sandbox.emulator.state.transfers.size).toBe(1);
    expect(transferRequests().map((request) => [request.status, request.fault, request.idempotencyKey])).toEqual([
      [500, "api_error", "run-1-creator-1"],
      [200, null, "run-1-creator-1"],
    ]);
  });

  it("without retries the SDK surfaces the 500 as StripeAPIError and nothing is created", async () => {
    sandbox.emulator.faults.inject({ kind: "api_error" });
    const error = await stripe.transfers.create({ amount: 1_000, currency: "usd", destination }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(500);
    expect(sandbox.emulator.state.transfers.size).toBe(0);
  });

  it("a connection destroyed after the transfer was created is replayed for the same key", async () => {
    sandbox.emulator.faults.inject({ kind: "disconnect_after_commit", path: "/v1/transfers" });
    // The SDK retries a reset connection once even with maxNetworkRetries 0, with the same key.
    const transfer = await stripe.transfers.create({ amount: 1_000, currency: "usd", destination }, { idempotencyKey: "run-2-creator-1" });

    expect(sandbox.emulator.state.transfers.size).toBe(1);
    expect([...sandbox.emulator.state.transfers.keys()]).toEqual([transfer.id]);
    expect(transfer.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(transferRequests().map((request) => request.outcome)).toEqual(["disconnected", "replayed"]);
  });

  it("after a dropped answer, the caller's own retry with the key gets the stored transfer", async () => {
    sandbox.emulator.faults.inject({ kind: "disconnect_after_commit", path: "/v1/transfers" });
    await expect(postTransfer("manual-retry")).rejects.toThrow();
    expect(sandbox.emulator.state.transfers.size).toBe(1);

    const retry = await postTransfer("manual-retry");
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const body = (await retry.json()) as { id: string };
    expect(body.id).toBe([...sandbox.emulator.state.transfers.keys()][0]);
    expect(sandbox.emulator.state.transfers.size).toBe(1);
  });

  it("a hung request makes the SDK give up with a timeout", async () => {
    sandbox.emulator.faults.inject({ kind: "timeout", path: "/v1/transfers" });
    const impatient = sandbox.client({ timeout: 300 });
    const error = await impatient.transfers.create({ amount: 1_000, currency: "usd", destination }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect((error as Error).message).toMatch(/timeout/);
    expect(sandbox.emulator.state.transfers.size).toBe(0);
    expect(transferRequests().map((request) => request.outcome)).toEqual(["hung"]);
  });

  it("a request that ran but never answered is replayed when retried with its key", async () => {
    sandbox.emulator.faults.inject({ kind: "timeout", commit: true, path: "/v1/transfers" });
    const impatient = sandbox.client({ timeout: 300 });
    const params = { amount: 1_000, currency: "usd", destination };
    await expect(impatient.transfers.create(params, { idempotencyKey: "slow-1" })).rejects.toThrow(Stripe.errors.StripeConnectionError);
    expect(sandbox.emulator.state.transfers.size).toBe(1);

    const retried = await stripe.transfers.create(params, { idempotencyKey: "slow-1" });
    expect(retried.id).toBe([...sandbox.emulator.state.transfers.keys()][0]);
    expect(sandbox.emulator.state.transfers.size).toBe(1);
  });

  it("a second request with a key still in flight gets 409", async () => {
    sandbox.emulator.faults.inject({ kind: "delay", delayMs: 300, path: "/v1/transfers" });
    const first = postTransfer("concurrent");
    // The first request holds the key once the emulator has logged it.
    await expect.poll(() => transferRequests().length).toBe(1);
    const second = await postTransfer("concurrent");
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { type: string } }).error.type).toBe("idempotency_error");
    expect((await first).status).toBe(200);
    expect(sandbox.emulator.state.transfers.size).toBe(1);
  });

  it("429 surfaces as StripeRateLimitError; faults only hit the paths they name", async () => {
    sandbox.emulator.faults.inject({ kind: "rate_limit", path: "/v1/transfers", times: 2 });
    expect((await stripe.balance.retrieve()).object).toBe("balance");
    const error = await stripe.transfers.create({ amount: 1_000, currency: "usd", destination }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect((error as Stripe.errors.StripeError).code).toBe("rate_limit");
    expect(sandbox.emulator.faults.pending().map((fault) => fault.remaining)).toEqual([1]);
    sandbox.emulator.faults.clear();
    await expect(stripe.transfers.create({ amount: 1_000, currency: "usd", destination })).resolves.toMatchObject({ object: "transfer" });
  });
});
