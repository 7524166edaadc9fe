// Webhook delivery: signatures the SDK verifies, retries, the delivery log and settlement.
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sandboxStripe } from "../config";
import { onboardedAccount, startStripeTestSandbox, type StripeTestSandbox } from "./test-support";
import { signWebhookPayload } from "./webhooks";

let sandbox: StripeTestSandbox;
let stripe: Stripe;

beforeEach(async () => {
  sandbox = await startStripeTestSandbox({ webhookRetryDelaysMs: [20, 20] });
  stripe = sandbox.client();
});

afterEach(async () => {
  await sandbox.close();
});

describe("signatures", () => {
  it("signs deliveries so that stripe.webhooks.constructEvent accepts them", async () => {
    await stripe.topups.create({ amount: 1_000, currency: "usd" });
    const webhook = await sandbox.receiver.waitFor((received) => received.event.type === "topup.succeeded");
    expect(webhook.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = stripe.webhooks.constructEvent(webhook.rawBody, webhook.signature, sandboxStripe.webhookSecret);
    expect(event).toMatchObject({ type: "topup.succeeded", object: "event", livemode: false });
  });

  it("fails verification for a tampered body or another secret", async () => {
    await stripe.topups.create({ amount: 1_000, currency: "usd" });
    const webhook = await sandbox.receiver.waitFor((received) => received.event.type === "topup.created");
    const tampered = webhook.rawBody.replace('"amount": 1000', '"amount": 100000');
    expect(tampered).not.toBe(webhook.rawBody);
    expect(() => stripe.webhooks.constructEvent(tampered, webhook.signature, sandboxStripe.webhookSecret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(webhook.rawBody, webhook.signature, "whsec_someone_else")).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("computes the same signature as the SDK's test helper", () => {
    const payload = JSON.stringify({ id: "evt_1", object: "event" });
    const expected = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_x", timestamp: 1_700_000_000 });
    expect(signWebhookPayload(payload, "whsec_x", 1_700_000_000)).toBe(expected);
  });
});

describe("delivery", () => {
  it("retries a delivery the endpoint refused, and logs every attempt", async () => {
    sandbox.receiver.answerNextWith(500, 503);
    await stripe.accounts.create({ type: "express", email: "a@example.com", metadata: { a: "1" } });
    const [account] = [...sandbox.emulator.state.accounts.values()];
    await stripe.accounts.update(account?.id ?? "", { metadata: { a: "2" } });
    await sandbox.emulator.webhooks.settled();

    const event = sandbox.emulator.state.events.find((candidate) => candidate.type === "account.updated");
    const attempts = sandbox.emulator.webhooks.deliveries.filter((delivery) => delivery.eventId === event?.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.ok])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    expect(event?.pending_webhooks).toBe(0);
    expect(sandbox.receiver.received.filter((received) => received.event.id === event?.id)).toHaveLength(3);
  });

  it("gives up after the last retry", async () => {
    // topup.created and topup.succeeded: three failing attempts each.
    sandbox.receiver.answerNextWith(...Array<number>(6).fill(500));
    await stripe.topups.create({ amount: 1_000, currency: "usd" });
    await sandbox.emulator.webhooks.settled();
    const events = sandbox.emulator.state.events.filter((event) => event.type.startsWith("topup."));
    for (const event of events) {
      const attempts = sandbox.emulator.webhooks.deliveries.filter((delivery) => delivery.eventId === event.id);
      expect(attempts.map((attempt) => [attempt.attempt, attempt.ok])).toEqual([[1, false], [2, false], [3, false]]);
      expect(event.pending_webhooks).toBe(1);
    }
    const undelivered = await stripe.events.list({ delivery_success: false });
    expect(undelivered.data.map((event) => event.type)).toEqual(["topup.succeeded", "topup.created"]);
  });

  it("logs an unreachable endpoint and delivers again on request", async () => {
    sandbox.emulator.webhooks.setEndpoint({ url: "http://127.0.0.1:9/unreachable" });
    const account = await onboardedAccount(stripe, sandbox.emulator);
    await sandbox.emulator.webhooks.settled();
    const event = await sandbox.emulator.waitForEvent("account.updated");
    expect(sandbox.emulator.webhooks.deliveries.filter((delivery) => delivery.eventId === event.id).every((delivery) => delivery.status === null && delivery.error)).toBe(true);

    sandbox.emulator.webhooks.setEndpoint({ url: sandbox.receiver.url });
    sandbox.emulator.webhooks.redeliver(event.id);
    const webhook = await sandbox.receiver.waitFor((received) => received.event.id === event.id);
    expect(webhook.event.account).toBe(account.id);
  });

  it("delivers events in the order they happened", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    await stripe.topups.create({ amount: 5_000, currency: "usd" });
    await stripe.transfers.create({ amount: 1_000, currency: "usd", destination: account.id });
    await sandbox.emulator.webhooks.settled();
    expect(sandbox.receiver.received.map((received) => received.event.type)).toEqual(["account.updated", "topup.created", "topup.succeeded", "transfer.created"]);
  });
});
