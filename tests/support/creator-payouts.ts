// Shared steps for the creator and payout tests, each through the same doors production uses:
// a shop of its own in the Shopify emulator, the embedded admin over HTTP (invite, schedule,
// host), Mux's signed webhook to go live, Stripe's emulator for onboarding, and the
// emulator's checkout for a paid order carrying the show's line property.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import prisma from "~/db.server";
import { onboardingLink } from "~/creators/connect.server";
import { createStripePayments, type Payments } from "~/payments/stripe.server";
import { sandboxMux, sandboxStripe } from "../sandbox/config";
import type { MailSandbox } from "../sandbox/mail";
import { muxSignatureHeader } from "../sandbox/mux";
import type { SandboxOrder, SandboxVariant } from "../sandbox/shopify/state";
import { adminClient, type AdminClient } from "./admin-client";
import type { Stack } from "./stack";
import { createShowThroughAdmin, type LineupProduct } from "./show-form";

export const SHOW_CLAIM_KEY = "_live_show";

/** The app's Stripe adapter pointed at the emulator, from the test process. No SDK retries unless asked, so faults reach the run. */
export function testPayments(stack: Stack, options: { maxNetworkRetries?: number; timeoutMs?: number } = {}): Payments {
  return createStripePayments({
    secretKey: sandboxStripe.secretKey,
    webhookSecret: sandboxStripe.webhookSecret,
    apiUrl: stack.stripe.url,
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
}

export interface PayoutShop {
  shop: string;
  admin: AdminClient;
  variant: SandboxVariant;
  productId: string;
}

/** A shop of its own (EUR, one product at 100.00 with plenty of stock), opened once in the admin so the app knows it. */
export async function createPayoutShop(stack: Stack, label: string): Promise<PayoutShop> {
  const shop = `${label}-${randomUUID().slice(0, 8)}.myshopify.com`;
  const location = stack.shopify.state.newLocation("Warehouse", true);
  stack.shopify.state.createShop({ domain: shop, name: `${label} shop`, currencyCode: "EUR", ianaTimezone: "Europe/Stockholm", locations: [location] });
  const product = stack.shopify.state.addProduct(shop, {
    handle: "wool-scarf",
    title: "Wool Scarf",
    imageUrl: "https://cdn.example/scarf.jpg",
    options: [{ name: "Title", values: ["Default"] }],
    variants: [{ optionValues: ["Default"], sku: "SCARF", price: 10_000, stock: { [location.id]: 500 } }],
  });
  const admin = adminClient(stack.appUrl, stack.shopify, shop);
  expect((await admin.get("/app/creators")).status).toBe(200);
  return { shop, admin, variant: product.variants[0]!, productId: product.id };
}

/** Invites through the admin form; answers the creator row. */
export async function inviteThroughAdmin(target: PayoutShop, input: { name: string; email: string; percent: string }) {
  const response = await target.admin.post("/app/creators", { intent: "invite", name: input.name, email: input.email, commissionPercent: input.percent });
  expect(response.status).toBe(200);
  return prisma.creator.findFirstOrThrow({ where: { shop: target.shop, email: input.email.toLowerCase() } });
}

/** The shop's one product, as the show form's lineup. */
export function payoutShopLineup(target: PayoutShop): LineupProduct[] {
  return [{ id: target.productId, title: "Wool Scarf", handle: "wool-scarf", imageUrl: null }];
}

/** Schedules a show of the shop's product through the admin, makes the creator its host, and takes it live with Mux's signed webhook. */
export async function liveShowHostedBy(stack: Stack, target: PayoutShop, creatorId: string, options: { title?: string; mode?: "public" | "rehearsal"; percent?: string } = {}) {
  const showId = await createShowThroughAdmin(target.admin, payoutShopLineup(target), { title: options.title ?? "Scarves, live", hostName: "", mode: options.mode ?? "public" });
  const assigned = await target.admin.post(`/app/creators/${creatorId}`, { intent: "assign_show", showId, commissionPercent: options.percent ?? "" });
  expect(assigned.status).toBe(200);
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop: target.shop } });
  expect(show.creatorId).toBe(creatorId);
  const body = JSON.stringify({
    id: randomUUID(),
    type: "video.live_stream.active",
    created_at: new Date(Date.now() - 60_000).toISOString(),
    object: { type: "live_stream", id: show.muxLiveStreamId },
    data: { id: show.muxLiveStreamId },
  });
  const live = await fetch(`${stack.appUrl}/webhooks/mux`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "mux-signature": muxSignatureHeader(body, sandboxMux.webhookSecret) },
  });
  expect(live.status).toBe(200);
  return prisma.show.findFirstOrThrow({ where: { id: showId, shop: target.shop } });
}

/** Connects the creator's Stripe account the way the portal does, and finishes onboarding in the emulator; account.updated reaches the app. */
export async function onboardCreator(stack: Stack, shop: string, creatorId: string) {
  await onboardingLink(shop, creatorId, { returnUrl: `${stack.appUrl}/creator/stripe/return`, refreshUrl: `${stack.appUrl}/creator/stripe/refresh` }, testPayments(stack));
  const { stripeAccountId } = await prisma.creator.findFirstOrThrow({ where: { id: creatorId, shop } });
  stack.stripe.completeOnboarding(stripeAccountId!);
  await stack.stripe.webhooks.settled();
  const creator = await prisma.creator.findFirstOrThrow({ where: { id: creatorId, shop } });
  expect(creator.payoutsEnabled).toBe(true);
  return creator;
}

/** A checkout of the show's product in the emulator: orders/paid (signed) reaches the app. */
export async function buyFromShow(stack: Stack, target: PayoutShop, showId: string, quantity: number): Promise<SandboxOrder> {
  const order = stack.shopify.state.createPaidOrder(target.shop, { lines: [{ variantId: target.variant.id, quantity, properties: [{ name: SHOW_CLAIM_KEY, value: showId }] }] });
  await stack.shopify.webhooks.settled();
  return order;
}

export async function refundFromOrder(stack: Stack, target: PayoutShop, order: SandboxOrder, quantity: number) {
  const refund = stack.shopify.state.refundOrder(target.shop, order.id, [{ lineId: order.lines[0]!.id, quantity }]);
  await stack.shopify.webhooks.settled();
  return refund;
}

/** The magic link in the newest email to this address. */
export async function signInLinkFor(mail: MailSandbox, email: string, after = 0): Promise<string> {
  const message = await mail.waitForMessage((candidate) => candidate.to.includes(email) && candidate.receivedAt.getTime() >= after);
  return mail.linkIn(message, "/creator/sign-in");
}

export const DAY_MS = 86_400_000;
