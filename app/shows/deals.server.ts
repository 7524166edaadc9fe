import { randomBytes } from "node:crypto";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import prisma from "~/db.server";
import { formatMinorUnits } from "~/lib/money";
import { CREATE_SHOW_DISCOUNT, DEACTIVATE_DISCOUNT } from "~/graphql/discounts";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { withLease } from "~/jobs/lease.server";
import { getShopSettings } from "~/shops/shops.server";
import { announceToViewers } from "./show-events.server";
import { DealAmountError, dealValue, type DealKind } from "./show-deal";
import { dealWindowEnd, type DealWindow, type ShowDealPlan } from "./show-input";
import { liveControlRefusal } from "./show-controls";
import { appendTimelineEvent } from "./timeline.server";
import { zonedLocalToUtc } from "~/lib/zoned-time";
import { ExplainedError } from "~/lib/explained-error";
import { log } from "~/lib/log.server";

type Admin = Pick<AdminApiContext, "graphql">;

export const dealInput = z.object({
  kind: z.enum(["percentage", "fixed_amount"], { error: "Choose a percentage or a fixed amount" }),
  /** As the merchant typed it: "20" percent, or "49.90" in the shop's currency. */
  amount: z.string().trim().regex(/^\d+(\.\d{1,3})?$/, "Enter a number like 20 or 49.90"),
  minutes: z.coerce.number().int().min(1, "A deal runs at least a minute").max(24 * 60, "A deal runs at most a day"),
});

export type DealInput = z.infer<typeof dealInput>;

export class DealError extends ExplainedError {
  name = "DealError";
}

/** Codes shoppers can type from the stream: unambiguous letters and digits only. */
function dealCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `LIVE-${[...randomBytes(6)].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

interface DiscountPlan {
  title: string;
  code: string;
  kind: DealKind;
  value: number;
  currency: string;
  startsAt: Date;
  endsAt: Date;
  productIds: string[];
}

type DiscountOutcome = { ok: true; discountId: string } | { ok: false; field: "code" | null; message: string };

/** A basic code discount on the lineup's products: the one way a deal becomes a Shopify code. */
async function createLineupDiscount(admin: Admin, shop: string, plan: DiscountPlan): Promise<DiscountOutcome> {
  const value =
    plan.kind === "percentage"
      ? { percentage: plan.value / 10_000 }
      : { discountAmount: { amount: formatMinorUnits(plan.value, plan.currency), appliesOnEachItem: true } };
  const result = await runAdmin(admin, shop, CREATE_SHOW_DISCOUNT, {
    discount: {
      title: plan.title,
      code: plan.code,
      startsAt: plan.startsAt.toISOString(),
      endsAt: plan.endsAt.toISOString(),
      context: { all: "ALL" },
      appliesOncePerCustomer: false,
      customerGets: { value, items: { products: { productsToAdd: plan.productIds } } },
    },
  });
  const codeDiscountNode = result.discountCodeBasicCreate?.codeDiscountNode;
  const userErrors = result.discountCodeBasicCreate?.userErrors ?? [];
  if (codeDiscountNode) return { ok: true, discountId: codeDiscountNode.id };
  if (userErrors.some((error) => error.code === "TAKEN" && error.field?.at(-1) === "code")) {
    return { ok: false, field: "code", message: `Another discount in your shop already uses the code ${plan.code}. Choose a different code.` };
  }
  return { ok: false, field: null, message: `Shopify refused the discount: ${userErrors.map((error) => error.message).join("; ")}` };
}

/** Starts a flash deal: a real Shopify discount code on the show's lineup, time-boxed. */
/** The deal shoppers can use now: its discount exists in Shopify, it has started, and it has neither ended nor been stopped. */
export function findRunningDeal(shop: string, showId: string, now: Date) {
  return prisma.showDeal.findFirst({
    where: { shop, showId, stoppedAt: null, discountId: { not: null }, startsAt: { lte: now }, endsAt: { gt: now } },
    orderBy: { startsAt: "desc" },
  });
}

export async function startDeal(admin: Admin, shop: string, showId: string, input: DealInput) {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop }, include: { products: { where: { removedAt: null } } } });
  const closed = liveControlRefusal("deal", show.status);
  if (closed) throw new DealError(closed);
  if (await prisma.showDeal.findFirst({ where: { shop, showId, stoppedAt: null, endsAt: { gt: new Date() } } })) {
    throw new DealError("A deal is already running or scheduled; stop or cancel it before starting another");
  }
  const { currency } = await getShopSettings(shop);
  const amount = dealAmount(input.kind, input.amount, currency);
  if (amount <= 0) throw new DealError("The discount must be more than zero");
  if (input.kind === "percentage" && amount > 10_000) throw new DealError("A percentage deal is at most 100 %");
  const startsAt = new Date();
  const endsAt = new Date(startsAt.getTime() + input.minutes * 60_000);
  const code = dealCode();
  const created = await createLineupDiscount(admin, shop, {
    title: `Live deal: ${show.title}`,
    code,
    kind: input.kind,
    value: amount,
    currency,
    startsAt,
    endsAt,
    productIds: show.products.map((product) => product.productId),
  });
  if (!created.ok) throw new DealError(created.message);
  const started = await prisma.$transaction(async (tx) => {
    const deal = await tx.showDeal.create({
      data: {
        shop,
        showId,
        code,
        discountId: created.discountId,
        kind: input.kind,
        value: amount,
        currency: input.kind === "fixed_amount" ? currency : null,
        startsAt,
        endsAt,
      },
    });
    const entry = await appendTimelineEvent(tx, shop, showId, "deal", { dealId: deal.id, code, kind: input.kind, value: amount, endsAt: endsAt.toISOString() }, startsAt);
    return { deal, entry };
  });
  await announceToViewers(shop, showId, started.entry.seq, "deal", { code, kind: input.kind, value: amount, endsAt: endsAt.toISOString(), running: true });
  return started;
}

function dealAmount(kind: DealKind, amount: string, currency: string): number {
  try {
    return dealValue(kind, amount, currency);
  } catch (error) {
    if (error instanceof DealAmountError) throw new DealError(error.message);
    throw error;
  }
}

/** The deal's times: the form's wall-clock times are in the shop's timezone, the database keeps UTC. */
function dealTimes(window: DealWindow, show: { startsAt: Date }, timezone: string): { startsAt: Date; endsAt: Date } {
  const startsAt = window.from === "show" ? show.startsAt : zonedLocalToUtc(window.startsAt, timezone);
  return { startsAt, endsAt: dealWindowEnd(window, show.startsAt, timezone) };
}

/**
 * `kept`: the reason waits on the deal itself, so the show page shows it with a retry; otherwise
 * nothing was kept and the message is all the merchant gets.
 */
export type PlannedDealOutcome = { ok: true } | { ok: false; field: "code" | null; message: string; kept: boolean };

const notKept = (message: string): PlannedDealOutcome => ({ ok: false, field: null, message, kept: false });

/**
 * The deal planned with the show: kept first, so a code Shopify refuses (or Shopify being
 * unreachable) does not lose it; it waits, with the reason, for the merchant to try again. The
 * show is saved by then, so every failure is an answer, never an error page inviting a resubmit.
 */
export async function planShowDeal(admin: Admin, shop: string, showId: string, plan: ShowDealPlan): Promise<PlannedDealOutcome> {
  let dealId: string;
  try {
    const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop } });
    const closed = liveControlRefusal("deal", show.status);
    if (closed) return notKept(closed);
    if (await prisma.showDeal.findFirst({ where: { shop, showId, stoppedAt: null, endsAt: { gt: new Date() } } })) {
      return notKept("This show already has a deal; cancel it before planning another");
    }
    const { currency, timezone } = await getShopSettings(shop);
    const deal = await prisma.showDeal.create({
      data: {
        shop,
        showId,
        code: plan.code,
        kind: plan.kind,
        value: plan.value,
        currency: plan.kind === "fixed_amount" ? currency : null,
        ...dealTimes(plan.window, show, timezone),
      },
    });
    dealId = deal.id;
  } catch (error) {
    if (error instanceof Response) throw error;
    log.warn(`[deals] ${shop} show ${showId}: the planned deal could not be saved: ${(error as Error).message}`);
    return notKept("The show is saved, but its deal could not be; plan the deal again from the show page.");
  }
  return sendPlannedDeal(admin, shop, showId, dealId);
}

// Longer than a create call takes with runAdmin's throttle retries; a process that dies holding
// it leaves the deal to a retry after this long.
const SEND_LEASE_MS = 2 * 60_000;

/**
 * Asks Shopify for the planned deal's code (again, after a refusal, with the code the merchant chose).
 * Two retries at once (a double click, two tabs) would each find no discount yet and each create
 * one, and the code whose id is lost would stay active in Shopify: one request at a time sends.
 */
export async function sendPlannedDeal(admin: Admin, shop: string, showId: string, dealId: string, code?: string): Promise<PlannedDealOutcome> {
  const sent = await withLease(`deal:send:${dealId}`, SEND_LEASE_MS, () => sendPlannedDealOnce(admin, shop, showId, dealId, code));
  if (sent.ran) return sent.value;
  return notKept("This deal is already being created in Shopify; reload the page in a moment to see how it went.");
}

async function sendPlannedDealOnce(admin: Admin, shop: string, showId: string, dealId: string, code: string | undefined): Promise<PlannedDealOutcome> {
  const deal = await prisma.showDeal.findFirst({
    where: { id: dealId, shop, showId, discountId: null, stoppedAt: null },
    include: { show: { include: { products: { where: { removedAt: null } } } } },
  });
  if (!deal) return notKept("This deal is not waiting to be created; it may have been created or cancelled already");
  if (deal.endsAt <= new Date()) return notKept("This deal's time has passed; cancel it and start a new one");
  const chosen = code ?? deal.code;
  let created: DiscountOutcome;
  try {
    const { currency } = await getShopSettings(shop);
    created = await createLineupDiscount(admin, shop, {
      title: `Show deal: ${deal.show.title}`,
      code: chosen,
      kind: deal.kind as DealKind,
      value: deal.value,
      currency: deal.currency ?? currency,
      startsAt: deal.startsAt,
      endsAt: deal.endsAt,
      productIds: deal.show.products.map((product) => product.productId),
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    log.warn(`[deals] ${shop} show ${showId}: creating the code of deal ${deal.id} failed: ${(error as Error).message}`);
    created = { ok: false, field: null, message: "Shopify could not be reached to create the discount code. Try again in a moment." };
  }
  await prisma.showDeal.update({
    where: { id: deal.id, shop },
    data: created.ok ? { code: chosen, discountId: created.discountId, failure: null } : { code: chosen, failure: created.message },
  });
  return created.ok ? { ok: true } : { ...created, kept: true };
}

/** Ends the code in Shopify, so it stops applying at checkout (or never starts, for a scheduled deal). */
async function deactivateDiscount(admin: Admin, shop: string, discountId: string | null) {
  if (!discountId) return;
  const { discountCodeDeactivate } = await runAdmin(admin, shop, DEACTIVATE_DISCOUNT, { id: discountId });
  const userErrors = discountCodeDeactivate?.userErrors ?? [];
  if (userErrors.length) throw new DealError(`Shopify could not stop the discount: ${userErrors.map((error) => error.message).join("; ")}`);
}

/** Stops the running deal early, or cancels a scheduled one (`dealId`); either way its code is deactivated. */
export async function stopDeal(admin: Admin, shop: string, showId: string, dealId?: string) {
  const deal = await prisma.showDeal.findFirst({ where: { shop, showId, stoppedAt: null, ...(dealId ? { id: dealId } : {}) }, orderBy: { startsAt: "desc" } });
  if (!deal) throw new DealError(dealId ? "This deal is not in your show, or has already ended" : "No deal is running");
  await deactivateDiscount(admin, shop, deal.discountId);
  const stoppedAt = new Date();
  if (deal.startsAt > stoppedAt || !deal.discountId) {
    // Shoppers never saw it: nothing joins the timeline or reaches viewers.
    return { deal: await prisma.showDeal.update({ where: { id: deal.id }, data: { stoppedAt } }), entry: null };
  }
  const result = await prisma.$transaction(async (tx) => {
    const stopped = await tx.showDeal.update({ where: { id: deal.id }, data: { stoppedAt } });
    const entry = await appendTimelineEvent(tx, shop, showId, "deal_stopped", { dealId: deal.id, code: deal.code }, stoppedAt);
    return { deal: stopped, entry };
  });
  await announceToViewers(shop, showId, result.entry.seq, "deal", { code: deal.code, running: false });
  return result;
}

/** An archived show's deals that have not ended are cancelled, so no code outlives its show. */
export async function cancelShowDeals(admin: Admin, shop: string, showId: string) {
  const pending = await prisma.showDeal.findMany({ where: { shop, showId, stoppedAt: null, endsAt: { gt: new Date() } } });
  for (const deal of pending) await stopDeal(admin, shop, showId, deal.id);
}
