// The pages the emulator hosts in Stripe's place: onboarding and the Express dashboard.
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT_LINK_LIFETIME_SECONDS } from "./resources/account-links";
import { LOGIN_LINK_LIFETIME_SECONDS } from "./resources/accounts";
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

async function onboardingLink(email = "maya@example.com") {
  const account = await stripe.accounts.create({ type: "express", email });
  const link = await stripe.accountLinks.create({ account: account.id, type: "account_onboarding", refresh_url: "https://app.example/refresh", return_url: "https://app.example/return" });
  return { account, link };
}

function submit(url: string, fields: Record<string, string>) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields), redirect: "manual" });
}

describe("onboarding page", () => {
  it("labels every field and names the page", async () => {
    const { link } = await onboardingLink();
    const html = await (await fetch(link.url)).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>Sandbox Stripe onboarding<\/title>/);
    expect(html).toMatch(/<main>/);
    const inputIds = [...html.matchAll(/<input [^>]*id="([^"]+)"/g)].map((match) => match[1]);
    expect(inputIds).toEqual(["full_name", "routing_number", "account_number", "accept_terms"]);
    for (const id of inputIds) expect(html).toContain(`<label for="${id}">`);
  });

  it("shows what is wrong with an incomplete submission and leaves the account as it was", async () => {
    const { account, link } = await onboardingLink();
    const response = await submit(link.url, { full_name: "", routing_number: "12", account_number: "000123456789" });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/id="full_name"[^>]*aria-invalid="true" aria-describedby="full_name-error"/);
    expect(html).toContain("Accept the agreement to continue.");
    expect((await stripe.accounts.retrieve(account.id)).details_submitted).toBe(false);
    expect(sandbox.emulator.state.events.filter((event) => event.type === "account.updated")).toHaveLength(0);
  });

  it("escapes what the platform put in the account", async () => {
    const account = await stripe.accounts.create({ type: "express", business_profile: { name: '<img src=x onerror="alert(1)">' } });
    const named = await stripe.accountLinks.create({ account: account.id, type: "account_onboarding", refresh_url: "https://a.example/r", return_url: "https://a.example/b" });
    const namedHtml = await (await fetch(named.url)).text();
    expect(namedHtml).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(namedHtml).not.toContain("<img");
  });

  it("explains an expired link and offers the refresh URL", async () => {
    const { link } = await onboardingLink();
    sandbox.emulator.advanceClock(ACCOUNT_LINK_LIFETIME_SECONDS);
    const response = await fetch(link.url);
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain("<h1>Onboarding link expired</h1>");
    expect(html).toContain('href="https://app.example/refresh"');
    expect((await submit(link.url, { full_name: "Maya", routing_number: "110000000", account_number: "000123456789", accept_terms: "yes" })).status).toBe(410);
  });

  it("answers an unknown link with 404", async () => {
    const response = await fetch(`${sandbox.emulator.url}/connect/onboarding/nope`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Onboarding link not found");
  });
});

describe("Express dashboard", () => {
  it("shows the balance, transfers and payouts of the account", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator, "kim@example.com");
    sandbox.emulator.setPlatformBalance({ usd: 50_000 });
    await stripe.transfers.create({ amount: 10_050, currency: "usd", destination: account.id, transfer_group: "run_3" });
    await stripe.payouts.create({ amount: 4_000, currency: "usd" }, { stripeAccount: account.id });

    const { url } = await stripe.accounts.createLoginLink(account.id);
    const html = await (await fetch(url)).text();
    expect(html).toContain("<caption>Balance by currency</caption>");
    expect(html).toMatch(/<th scope="row">USD<\/th><td>\$60\.50<\/td>/);
    expect(html).toContain("$100.50");
    expect(html).toContain("run_3");
    expect(html).toMatch(/<td>\$40\.00<\/td><td>pending<\/td>/);
  });

  it("refuses an expired login link", async () => {
    const account = await onboardedAccount(stripe, sandbox.emulator);
    const { url } = await stripe.accounts.createLoginLink(account.id);
    sandbox.emulator.advanceClock(LOGIN_LINK_LIFETIME_SECONDS);
    const response = await fetch(url);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Dashboard link expired");
  });
});
