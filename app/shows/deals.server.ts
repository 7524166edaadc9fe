import { randomBytes } from "node:crypto";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import prisma from "~/db.server";
import { formatMinorUnits, parseMinorUnits } from "~/commissions/money";
import { CREATE_SHOW_DISCOUNT, DEACTIVATE_DISCOUNT } from "~/graphql/discounts";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { getShopSettings } from "~/shops/shops.server";
import { announceToViewers } from "./show-events.server";
import { appendTimelineEvent } from "./timeline.server";

type Admin = Pick<AdminApiContext, "graphql">;

export const dealInput = z.object({
  kind: z.enum(["percentage", "fixed_amount"], { error: "Choose a percentage or a fixed amount" }),
  /** As the merchant typed it: "20" percent, or "49.90" in the shop's currency. */
  amount: z.string().trim().regex(/^\d+(\.\d{1,3})?$/, "Enter a number like 20 or 49.90"),
  minutes: z.coerce.number().int().min(1, "A deal runs at least a minute").max(24 * 60, "A deal runs at most a day"),
});

export type DealInput = z.infer<typeof dealInput>;

export class DealError extends Error {
  name = "DealError";
}

/** Codes shoppers can type from the stream: unambiguous letters and digits only. */
/** "12.5" → 1250 basis points, in integers so no float ever reaches the discount. */
function percentToBasisPoints(percent: string): number {
  const [whole = "0", fraction = ""] = percent.split(".");
  if (fraction.length > 2) throw new DealError("Use at most two decimals for a percentage");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

function dealCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `LIVE-${[...randomBytes(6)].map((byte) => alphabet[byte % alphabet.length]).join("")}`;
}

/** Starts a flash deal: a real Shopify discount code on the show's lineup, time-boxed. */
export async function startDeal(admin: Admin, shop: string, showId: string, input: DealInput) {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop }, include: { products: { where: { removedAt: null } } } });
  if (await prisma.showDeal.findFirst({ where: { shop, showId, stoppedAt: null, endsAt: { gt: new Date() } } })) {
    throw new DealError("A deal is already running; stop it before starting another");
  }
  const { currency } = await getShopSettings(shop);
  const amount = input.kind === "percentage" ? percentToBasisPoints(input.amount) : parseMinorUnits(input.amount, currency);
  if (amount <= 0) throw new DealError("The discount must be more than zero");
  if (input.kind === "percentage" && amount > 10_000) throw new DealError("A percentage deal is at most 100 %");
  const startsAt = new Date();
  const endsAt = new Date(startsAt.getTime() + input.minutes * 60_000);
  const code = dealCode();
  const value =
    input.kind === "percentage"
      ? { percentage: amount / 10_000 }
      : { discountAmount: { amount: formatMinorUnits(amount, currency), appliesOnEachItem: true } };
  const result = await runAdmin(admin, shop, CREATE_SHOW_DISCOUNT, {
    discount: {
      title: `Live deal: ${show.title}`,
      code,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      context: { all: "ALL" },
      appliesOncePerCustomer: false,
      customerGets: { value, items: { products: { productsToAdd: show.products.map((product) => product.productId) } } },
    },
  });
  const { codeDiscountNode, userErrors } = result.discountCodeBasicCreate;
  if (!codeDiscountNode) throw new DealError(`Shopify refused the discount: ${userErrors.map((error) => error.message).join("; ")}`);
  const started = await prisma.$transaction(async (tx) => {
    const deal = await tx.showDeal.create({
      data: {
        shop,
        showId,
        code,
        discountId: codeDiscountNode.id,
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

/** Stops the running deal early: the Shopify code is deactivated so it stops applying at checkout. */
export async function stopDeal(admin: Admin, shop: string, showId: string) {
  const deal = await prisma.showDeal.findFirst({ where: { shop, showId, stoppedAt: null }, orderBy: { startsAt: "desc" } });
  if (!deal) throw new DealError("No deal is running");
  if (deal.discountId) {
    const { discountCodeDeactivate } = await runAdmin(admin, shop, DEACTIVATE_DISCOUNT, { id: deal.discountId });
    if (discountCodeDeactivate.userErrors.length) {
      throw new DealError(`Shopify could not stop the discount: ${discountCodeDeactivate.userErrors.map((error) => error.message).join("; ")}`);
    }
  }
  const result = await prisma.$transaction(async (tx) => {
    const stopped = await tx.showDeal.update({ where: { id: deal.id }, data: { stoppedAt: new Date() } });
    const entry = await appendTimelineEvent(tx, shop, showId, "deal_stopped", { dealId: deal.id, code: deal.code }, stopped.stoppedAt ?? new Date());
    return { deal: stopped, entry };
  });
  await announceToViewers(shop, showId, result.entry.seq, "deal", { code: deal.code, running: false });
  return result;
}
