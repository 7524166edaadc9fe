// A creator's first visit, in Chromium: the invitation's magic link (sent by SMTP to the mail
// sandbox) signs them in, "Set up payouts" takes them to the Stripe emulator's onboarding page,
// they complete it and come back to a portal that says Stripe can pay them and shows what
// they earned from the show they hosted, then sign out everywhere. Every portal page passes axe-core.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import prisma from "~/db.server";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import { buyFromShow, createPayoutShop, inviteThroughAdmin, liveShowHostedBy, signInLinkFor } from "../support/creator-payouts";
import { startStack, type Stack } from "../support/stack";
import { seriousAccessibilityViolations } from "./axe";
import { collectPageErrors, launchBrowser } from "./browser";

let stack: Stack;
let mail: MailSandbox;
let browser: Browser;

beforeAll(async () => {
  mail = await startMailSandbox();
  [stack, browser] = await Promise.all([startStack({ env: { MAIL_URL: mail.url } }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await mail?.close();
});

describe("the creator portal in a browser", () => {
  it("signs in from the magic link, completes Stripe's sandbox onboarding and shows the creator's earnings", async () => {
    const target = await createPayoutShop(stack, "portal-e2e");
    const address = `ada-${randomUUID().slice(0, 8)}@creators.example`;
    const since = Date.now();
    const creator = await inviteThroughAdmin(target, { name: "Ada Host", email: address, percent: "10" });
    const show = await liveShowHostedBy(stack, target, creator.id, { title: "Scarves, live" });
    await buyFromShow(stack, target, show.id, 2);
    const link = await signInLinkFor(mail, address, since);

    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const errors = collectPageErrors(page);
    await page.goto(link);
    await page.getByRole("heading", { name: "Welcome, Ada Host" }).waitFor();
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("heading", { name: "Hi, Ada Host" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/creator");
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);

    await page.getByRole("button", { name: "Set up payouts" }).click();
    await page.getByRole("heading", { name: "Sandbox Stripe onboarding" }).waitFor();
    expect(page.url().startsWith(`${stack.stripe.url}/connect/onboarding/`)).toBe(true);
    await page.getByLabel("Full name").fill("Ada Host");
    await page.getByLabel("I accept the Stripe Connected Account Agreement (sandbox)").check();
    await page.getByRole("button", { name: "Complete onboarding" }).click();

    await page.getByText("You are set up: Stripe can now pay your commissions.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/creator");
    expect(await page.getByText("Payouts on").count()).toBe(1);
    const earnings = page.getByRole("table").first();
    // 2 × 100.00 EUR at 10 %, still in the hold period.
    expect(await earnings.getByRole("row").nth(1).innerText()).toMatch(/EUR\s+20\.00 EUR\s+0\.00 EUR\s+20\.00 EUR/);
    expect(await page.getByRole("button", { name: "Open Stripe dashboard" }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ payoutsEnabled: true, status: "active" });

    await page.getByRole("link", { name: "Statements" }).click();
    await page.getByRole("heading", { name: "Statements" }).waitFor();
    expect(await page.getByText("Scarves, live").count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);

    // "Sign out everywhere", from the keyboard: the session ends on the server, so the portal asks to sign in again.
    await page.goBack();
    await page.getByRole("heading", { name: "Hi, Ada Host" }).waitFor();
    await page.getByRole("button", { name: "Sign out everywhere" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("You are signed out on every device and browser where you used the portal.").waitFor();
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);
    await page.goto(new URL("/creator", stack.appUrl).toString());
    await page.getByRole("heading", { name: "Email me a sign-in link" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/creator/sign-in");
    // Chromium asks the app for /favicon.ico while it follows Stripe's redirect back (a 302 without a page to name an icon).
    expect(errors.filter((error) => !error.includes("/favicon.ico"))).toEqual([]);
  });
});
