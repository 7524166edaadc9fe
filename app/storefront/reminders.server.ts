// "Remind me" for an upcoming show: a signed-in customer is remembered by their customer id, a
// guest by the email they typed. Asking twice is the same reminder. The app has no
// read_customers scope, so a signed-in customer's email comes from the block, which Liquid gives
// `customer.email`; without it their reminder is kept but cannot be emailed.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import { storefrontPage } from "./storefront-page";

export const reminderInput = z.object({
  // A signed-in customer without an email (one who signs in by phone) sends an empty one.
  email: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "That email address is too long")
      .pipe(z.email({ error: "Enter an email address like name@example.com" }))
      .optional(),
  ),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[a-z0-9]{2,8})?$/i)
    .optional(),
  /** The storefront page the shopper asked on, which the reminder email links to. */
  page: z.string().max(2048).optional(),
});

export type ReminderInput = z.infer<typeof reminderInput>;

export type ReminderResult =
  | { saved: true }
  | { saved: false; status: 404 | 409 | 422; reason: "unknown_show" | "not_upcoming" | "email_required"; error: string };

export async function saveShowReminder(shop: string, showId: string, customerId: string | null, input: ReminderInput): Promise<ReminderResult> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop, mode: "public" }, select: { status: true } });
  if (!show) return { saved: false, status: 404, reason: "unknown_show", error: `${shop} has no show ${showId}` };
  if (show.status !== "scheduled") {
    return { saved: false, status: 409, reason: "not_upcoming", error: `Show ${showId} is ${show.status}; reminders are for upcoming shows` };
  }
  if (!customerId && !input.email) {
    return { saved: false, status: 422, reason: "email_required", error: "Sign in or give an email address to be reminded" };
  }
  const who = customerId ? { customerId } : { email: input.email as string };
  const existing = await prisma.showReminder.findFirst({ where: { shop, showId, ...who }, select: { id: true } });
  if (existing) return { saved: true };
  const shopRow = await prisma.shop.findUnique({ where: { domain: shop }, select: { storefrontOrigins: true } });
  try {
    await prisma.showReminder.create({
      data: {
        shop,
        showId,
        customerId,
        email: input.email ?? null,
        locale: input.locale ?? "en",
        pageUrl: storefrontPage(shop, shopRow?.storefrontOrigins ?? "", input.page),
      },
    });
  } catch (error) {
    // Two taps at once saved the same reminder, or a signed-in customer's email already has one
    // from when they asked as a guest: either way one email goes to that address.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  return { saved: true };
}
