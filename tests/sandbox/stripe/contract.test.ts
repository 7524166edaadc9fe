// The emulator's contract, exercised through the real stripe SDK as the app uses it.
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sandboxStripe } from "../config";
import { onboardedAccount, startStripeTestSandbox, type StripeTestSandbox } from "./test-support";

let sandbox: StripeTestSandbox;
let stripe: Stripe;

beforeEach(async () => {
  sandbox = await startStripeTestSandbox();
  stripe = sandbox.client();
});

afterEach(async () => {
  await sandbox.close();
});

function platformAvailable(balance: Stripe.Balance, currency = "usd"): number {
  return balance.available.find((row) => row.currency === currency)?.amount ?? 0;
}

describe("authentication", () => {
  it("refuses a wrong secret key with Stripe's 401", async () => {
    const wrong = sandbox.client({}, "sk_test_not_the_platform_key");
    const error = await wrong.balance.retrieve().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(401);
    expect((error as Error).message).toMatch(/^Invalid API Key provided: sk_test_\*+_key$/);
  });

  it("answers a request without a key with the error shape Stripe uses", async () => {
    const response = await fetch(`${sandbox.emulator.url}/v1/balance`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/You did not provide an API key/);
    expect(response.headers.get("request-id")).toMatch(/^req_/);
  });
});

describe("accounts", () => {
  it("creates an Express account that cannot be paid until onboarding", async () => {
    const account = await stripe.accounts.create({
      type: "express",
      email: "ada@example.com",
      country: "US",
      capabilities: { transfers: { requested: true } },
      metadata: { creator_id: "cr_1" },
      business_profile: { name: "Ada's Finds" },
    });
    expect(account.id).toMatch(/^acct_/);
    expect(account).toMatchObject({
      object: "account",
      type: "express",
      email: "ada@example.com",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { transfers: "inactive" },
      metadata: { creator_id: "cr_1" },
      controller: { stripe_dashboard: { type: "express" } },
      default_currency: "usd",
    });
    expect(account.requirements?.currently_due).toContain("external_account");
    expect(account.business_profile?.name).toBe("Ada's Finds");
    expect(await stripe.accounts.retrieve(account.id)).toEqual(account);
  });

  it("updates, lists and deletes accounts", async () => {
    const first = await stripe.accounts.create({ type: "express", email: "a@example.com" });
    const second = await stripe.accounts.create({ controller: { stripe_dashboard: { type: "express" }, fees: { payer: "application" }, losses: { payments: "application" } }, email: "b@example.com" });
    expect(second.type).toBe("express");

    const updated = await stripe.accounts.update(first.id, { metadata: { tier: "gold" } });
    expect(updated.metadata).toEqual({ tier: "gold" });
    const updateEvent = await sandbox.emulator.waitForEvent("account.updated");
    expect(updateEvent.account).toBe(first.id);
    expect(updateEvent.data.previous_attributes).toEqual({ metadata: {} });

    const listed = await stripe.accounts.list({ limit: 1 });
    expect(listed.data.map((account) => account.id)).toEqual([second.id]);
    expect(listed.has_more).toBe(true);
    const all = await stripe.accounts.list().autoPagingToArray({ limit: 10 });
    expect(all.map((account) => account.id)).toEqual([second.id, first.id]);

    expect(await stripe.accounts.del(first.id)).toEqual({ id: first.id, object: "account", deleted: true });
    const missing = await stripe.accounts.retrieve(first.id).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((missing as Stripe.errors.StripeError).code).toBe("resource_missing");
  });

  it("onboards through the account link page and reports account.updated", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "grace@example.com", capabilities: { transfers: { requested: true } } });
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "https://app.example/creator/stripe/refresh",
      return_url: "https://app.example/creator/stripe/return",
    });
    expect(link.object).toBe("account_link");
    expect(link.expires_at).toBeGreaterThan(link.created);
    expect(link.url.startsWith(`${sandbox.emulator.url}/connect/onboarding/`)).toBe(true);

    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("<h1>Sandbox Stripe onboarding</h1>");
    expect(html).toContain("grace@example.com");
    expect(html).toMatch(/<label for="full_name">Full name<\/label>/);
    expect(html).toMatch(/<button type="submit">Complete onboarding<\/button>/);
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBeDefined();

    const submitted = await fetch(new URL(action ?? "", sandbox.emulator.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ full_name: "Grace Hopper", routing_number: "110000000", account_number: "000123456789", accept_terms: "yes" }),
      redirect: "manual",
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("location")).toBe("https://app.example/creator/stripe/return");

    const webhook = await sandbox.receiver.waitFor((received) => received.event.type === "account.updated");
    const event = stripe.webhooks.constructEvent(webhook.rawBody, webhook.signature, sandboxStripe.webhookSecret);
    expect(event.type).toBe("account.updated");
    expect(event.account).toBe(account.id);
    const onboarded = event.data.object as Stripe.Account;
    expect(onboarded).toMatchObject({ id: account.id, payouts_enabled: true, charges_enabled: true, details_submitted: true, capabilities: { transfers: "active" } });
    expect(onboarded.requirements?.currently_due).toEqual([]);

    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ payouts_enabled: true, details_submitted: true });
    const again = await fetch(link.url);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already been used");
  });

  it("opens the Express dashboard through a login link", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator, "lin@example.com");
    await stripe.topups.create({ amount: 10_000, currency: "usd" });
    await stripe.transfers.create({ amount: 2_500, currency: "usd", destination: account.id, description: "Show #12 commissions" });

    const loginLink = await stripe.accounts.createLoginLink(account.id);
    expect(loginLink.object).toBe("login_link");
    const page = await fetch(loginLink.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Express dashboard</h1>");
    expect(html).toContain("$25.00");
    expect(html).toContain("Show #12 commissions");
  });

  it("refuses a login link before onboarding", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "new@example.com" });
    await expect(stripe.accounts.createLoginLink(account.id)).rejects.toThrow(/not completed onboarding/);
  });
});

describe("balance and transfers", () => {
  it("moves money with a transfer, once per idempotency key", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    const topup = await stripe.topups.create({ amount: 50_000, currency: "usd", description: "Fund payouts" });
    expect(topup).toMatchObject({ object: "topup", status: "succeeded" });
    expect(platformAvailable(await stripe.balance.retrieve())).toBe(50_000);

    const params: Stripe.TransferCreateParams = { amount: 12_345, currency: "usd", destination: account.id, transfer_group: "payout_run_7", metadata: { payout_id: "p_7" } };
    const first = await stripe.transfers.create(params, { idempotencyKey: "payout-p_7" });
    expect(first.id).toMatch(/^tr_/);
    expect(first).toMatchObject({ object: "transfer", amount: 12_345, amount_reversed: 0, reversed: false, destination: account.id, livemode: false });

    const replay = await stripe.transfers.create(params, { idempotencyKey: "payout-p_7" });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");

    expect(platformAvailable(await stripe.balance.retrieve())).toBe(50_000 - 12_345);
    const connected = await stripe.balance.retrieve({}, { stripeAccount: account.id });
    expect(platformAvailable(connected)).toBe(12_345);
    expect(sandbox.emulator.state.transfers.size).toBe(1);
    const created = await sandbox.emulator.waitForEvent("transfer.created");
    expect(created.request).toEqual({ id: first.lastResponse.requestId, idempotency_key: "payout-p_7" });
  });

  it("refuses an idempotency key reused with other parameters", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    sandbox.emulator.setPlatformBalance({ usd: 10_000 });
    await stripe.transfers.create({ amount: 1_000, currency: "usd", destination: account.id }, { idempotencyKey: "k-1" });
    const error = await stripe.transfers.create({ amount: 2_000, currency: "usd", destination: account.id }, { idempotencyKey: "k-1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((error as Error).message).toMatch(/^Keys for idempotent requests can only be used with the same parameters they were first used with/);
    expect(sandbox.emulator.state.transfers.size).toBe(1);
  });

  it("replays a stored error for the same key, and scopes keys per account", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    const params = { amount: 1_000, currency: "usd", destination: account.id };
    const first = await stripe.transfers.create(params, { idempotencyKey: "short" }).catch((caught: unknown) => caught);
    expect((first as Stripe.errors.StripeError).code).toBe("balance_insufficient");
    sandbox.emulator.setPlatformBalance({ usd: 5_000 });
    // Stripe keeps the first answer for the key, errors included.
    const second = await stripe.transfers.create(params, { idempotencyKey: "short" }).catch((caught: unknown) => caught);
    expect((second as Stripe.errors.StripeError).code).toBe("balance_insufficient");
    expect((second as Stripe.errors.StripeError).headers?.["idempotent-replayed"]).toBe("true");

    // The same key on a connected account is another key.
    sandbox.emulator.setBalance(account.id, "usd", { available: 3_000 });
    const payout = await stripe.payouts.create({ amount: 500, currency: "usd" }, { stripeAccount: account.id, idempotencyKey: "short" });
    expect(payout.id).toMatch(/^po_/);
  });

  it("reverses transfers partly and fully", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    sandbox.emulator.setPlatformBalance({ usd: 10_000 });
    const transfer = await stripe.transfers.create({ amount: 4_000, currency: "usd", destination: account.id });

    const partial = await stripe.transfers.createReversal(transfer.id, { amount: 1_500, metadata: { reason: "refund" } });
    expect(partial).toMatchObject({ object: "transfer_reversal", amount: 1_500, transfer: transfer.id, currency: "usd", metadata: { reason: "refund" } });
    expect(partial.id).toMatch(/^trr_/);
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 1_500, reversed: false });

    const rest = await stripe.transfers.createReversal(transfer.id);
    expect(rest.amount).toBe(2_500);
    const reversed = await stripe.transfers.retrieve(transfer.id);
    expect(reversed).toMatchObject({ amount_reversed: 4_000, reversed: true });
    expect(reversed.reversals.data.map((reversal) => reversal.id)).toEqual([rest.id, partial.id]);

    await expect(stripe.transfers.createReversal(transfer.id, { amount: 1 })).rejects.toThrow(/already been fully reversed/);
    expect(platformAvailable(await stripe.balance.retrieve())).toBe(10_000);
    expect(platformAvailable(await stripe.balance.retrieve({}, { stripeAccount: account.id }))).toBe(0);

    const events = sandbox.emulator.state.events.filter((event) => event.type === "transfer.reversed");
    expect(events.map((event) => (event.data.object as { amount_reversed: number }).amount_reversed)).toEqual([1_500, 4_000]);
    expect(events[0]?.data.previous_attributes).toMatchObject({ amount_reversed: 0, reversed: false });
  });

  it("refuses a transfer the platform balance cannot cover", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    sandbox.emulator.setPlatformBalance({ usd: 999 });
    const error = await stripe.transfers.create({ amount: 1_000, currency: "usd", destination: account.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Stripe.errors.StripeError).code).toBe("balance_insufficient");
    expect((error as Stripe.errors.StripeError).type).toBe("StripeInvalidRequestError");
    expect(sandbox.emulator.state.transfers.size).toBe(0);
  });

  it("refuses a transfer to an account that cannot receive one", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "pending@example.com" });
    sandbox.emulator.setPlatformBalance({ usd: 10_000 });
    const notOnboarded = await stripe.transfers.create({ amount: 100, currency: "usd", destination: account.id }).catch((caught: unknown) => caught);
    expect((notOnboarded as Stripe.errors.StripeError).code).toBe("insufficient_capabilities_for_transfer");
    expect((notOnboarded as Stripe.errors.StripeError).param).toBe("destination");

    const unknown = await stripe.transfers.create({ amount: 100, currency: "usd", destination: "acct_doesnotexist" }).catch((caught: unknown) => caught);
    expect((unknown as Stripe.errors.StripeError).code).toBe("resource_missing");
  });

  it("lists transfers by destination and transfer group, page by page", async () => {
    const ada = await onboardedAccount(stripe, sandbox.emulator, "ada@example.com");
    const lin = await onboardedAccount(stripe, sandbox.emulator, "lin@example.com");
    sandbox.emulator.setPlatformBalance({ usd: 100_000 });
    const made: Stripe.Transfer[] = [];
    for (const [destination, group] of [[ada.id, "run_1"], [lin.id, "run_1"], [ada.id, "run_2"], [ada.id, "run_2"]] as const) {
      made.push(await stripe.transfers.create({ amount: 100, currency: "usd", destination, transfer_group: group }));
    }
    const toAda = await stripe.transfers.list({ destination: ada.id }).autoPagingToArray({ limit: 10 });
    expect(toAda.map((transfer) => transfer.id)).toEqual([made[3]?.id, made[2]?.id, made[0]?.id]);
    const run1 = await stripe.transfers.list({ transfer_group: "run_1" });
    expect(run1.data.map((transfer) => transfer.id)).toEqual([made[1]?.id, made[0]?.id]);
    const page = await stripe.transfers.list({ limit: 2, starting_after: made[3]?.id });
    expect(page.data.map((transfer) => transfer.id)).toEqual([made[2]?.id, made[1]?.id]);
    expect(page.has_more).toBe(true);

    const updated = await stripe.transfers.update(made[0]?.id ?? "", { metadata: { note: "checked" } });
    expect(updated.metadata).toEqual({ note: "checked" });
    expect((await sandbox.emulator.waitForEvent("transfer.updated")).data.previous_attributes).toEqual({ metadata: {} });
  });
});

describe("payouts and events", () => {
  it("pays out a connected account's balance and reports the bank's answer", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    sandbox.emulator.setPlatformBalance({ usd: 10_000 });
    await stripe.transfers.create({ amount: 6_000, currency: "usd", destination: account.id });

    const payout = await stripe.payouts.create({ amount: 5_000, currency: "usd" }, { stripeAccount: account.id });
    expect(payout).toMatchObject({ object: "payout", status: "pending", amount: 5_000, method: "standard" });
    expect(payout.id).toMatch(/^po_/);
    expect(platformAvailable(await stripe.balance.retrieve({}, { stripeAccount: account.id }))).toBe(1_000);
    await expect(stripe.payouts.create({ amount: 5_000, currency: "usd" }, { stripeAccount: account.id })).rejects.toThrow(/insufficient available funds/);
    // The platform cannot see the connected account's payout without Stripe-Account.
    await expect(stripe.payouts.retrieve(payout.id)).rejects.toThrow(/No such payout/);

    sandbox.emulator.settlePayout(payout.id, { outcome: "paid" });
    const paid = await sandbox.receiver.waitFor((received) => received.event.type === "payout.paid");
    const event = stripe.webhooks.constructEvent(paid.rawBody, paid.signature, sandboxStripe.webhookSecret);
    expect(event.account).toBe(account.id);
    expect((event.data.object as Stripe.Payout).status).toBe("paid");
    expect((await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: account.id })).status).toBe("paid");

    const second = await stripe.payouts.create({ amount: 1_000, currency: "usd" }, { stripeAccount: account.id });
    sandbox.emulator.settlePayout(second.id, { outcome: "failed" });
    const failed = await sandbox.emulator.waitForEvent("payout.failed");
    expect(failed.data.object).toMatchObject({ id: second.id, status: "failed", failure_code: "account_closed" });
    expect(platformAvailable(await stripe.balance.retrieve({}, { stripeAccount: account.id }))).toBe(1_000);
  });

  it("refuses payouts on an account that has not onboarded", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "pending@example.com" });
    const error = await stripe.payouts.create({ amount: 100, currency: "usd" }, { stripeAccount: account.id }).catch((caught: unknown) => caught);
    expect((error as Stripe.errors.StripeError).code).toBe("payouts_not_allowed");
  });

  it("serves events through the API, Connect events under Stripe-Account", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    sandbox.emulator.setPlatformBalance({ usd: 1_000 });
    const transfer = await stripe.transfers.create({ amount: 100, currency: "usd", destination: account.id });

    const platformEvents = await stripe.events.list({ type: "transfer.*" });
    expect(platformEvents.data.map((event) => event.type)).toEqual(["transfer.created"]);
    const created = platformEvents.data[0];
    expect(created?.id).toMatch(/^evt_/);
    expect((created?.data.object as Stripe.Transfer).id).toBe(transfer.id);
    expect(await stripe.events.retrieve(created?.id ?? "")).toMatchObject({ id: created?.id, object: "event", livemode: false });

    const connectEvents = await stripe.events.list({}, { stripeAccount: account.id });
    expect(connectEvents.data.map((event) => event.type)).toEqual(["account.updated"]);
    expect(connectEvents.data[0]?.account).toBe(account.id);
  });

  it("refuses Stripe-Account for an account the platform does not have", async () => {
    const error = await stripe.balance.retrieve({}, { stripeAccount: "acct_unknown" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect((error as Stripe.errors.StripeError).code).toBe("account_invalid");
  });
});

describe("requests the emulator refuses as Stripe does", () => {
  it("names a missing or unknown parameter", async () => {
    const missing = await stripe.transfers.create({ currency: "usd", destination: "acct_x" }).catch((caught: unknown) => caught);
    expect((missing as Error).message).toBe("Missing required param: amount.");
    expect((missing as Stripe.errors.StripeError).param).toBe("amount");

    const unknown = await stripe.accounts
      .create({ type: "express", capabilities: { transfers: { requested: true } }, tos_acceptance: { date: 1 } })
      .catch((caught: unknown) => caught);
    expect((unknown as Error).message).toMatch(/^Received unknown parameter: tos_acceptance/);

    const badInteger = await stripe.rawRequest("POST", "/v1/topups", { amount: "ten", currency: "usd" }).catch((caught: unknown) => caught);
    expect((badInteger as Error).message).toBe("Invalid integer: ten");
  });

  it("answers an unknown URL with Stripe's 404", async () => {
    const error = await stripe.rawRequest("GET", "/v1/charges_that_do_not_exist", {}).catch((caught: unknown) => caught);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(404);
    expect((error as Error).message).toMatch(/^Unrecognized request URL \(GET: \/v1\/charges_that_do_not_exist\)/);
  });
});
