// "Remind me" for an upcoming show: a signed-in customer is remembered by their customer id, a
// guest by the email they typed. Asking twice is the same reminder. The app has no
// read_customers scope, so a signed-in customer's email comes from the block, which Liquid gives
// `customer.email`; without it their reminder is kept but cannot be emailed.
//
// An email address is written to only once its owner confirms (reminder-confirmations.server.ts),
// signed-in customers included: the proxy signs logged_in_customer_id but not the email the
// block posts beside it, and the app cannot read the customer to compare, so that address is no
// more verified than a typed one. Sign-ups are limited per client address and confirmation emails
// per email address (rate-limit.server.ts); a refused sign-up writes nothing.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { takeRateLimit, type RateLimitTake } from "./rate-limit.server";
import type { RateLimitRule } from "./rate-window";
import { sendReminderConfirmation } from "./reminder-confirmations.server";
import { storefrontPage } from "./storefront-page";
import { log } from "~/lib/log.server";

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

const MINUTE_MS = 60_000;

/** Sign-ups from one client address (REMINDER_SIGNUPS_PER_ADDRESS in 10 minutes). */
export const signupsPerAddress = (): RateLimitRule => ({ name: "reminder-signups-per-address", limit: env().REMINDER_SIGNUPS_PER_ADDRESS, windowMs: 10 * MINUTE_MS });

/** Confirmation emails to one email address, across shops (REMINDER_CONFIRMATIONS_PER_EMAIL a day). */
export const confirmationsPerEmail = (): RateLimitRule => ({
  name: "reminder-confirmations-per-email",
  limit: env().REMINDER_CONFIRMATIONS_PER_EMAIL,
  windowMs: 24 * 60 * MINUTE_MS,
});

/** Who asks: the app proxy's signed shop and customer, and the shopper's address and proxy path. */
export interface ReminderCaller {
  shop: string;
  customerId: string | null;
  address: string;
  proxyPath: string;
}

export type ReminderResult =
  /** `confirm`: a confirmation email went to the address, and nothing more will until it is confirmed. */
  | { saved: true; confirm: boolean }
  | { saved: false; status: 404 | 409 | 422; reason: "unknown_show" | "not_upcoming" | "email_required"; error: string }
  | { saved: false; status: 429; reason: "rate_limited"; error: string; retryAfterSeconds: number }
  | { saved: false; status: 502; reason: "mail_failed"; error: string };

type Reminder = { id: string; email: string | null; locale: string; confirmedAt: Date | null };
const REMINDER_FIELDS = { id: true, email: true, locale: true, confirmedAt: true } as const;

export async function saveShowReminder(caller: ReminderCaller, showId: string, input: ReminderInput, now = new Date()): Promise<ReminderResult> {
  const { shop, customerId } = caller;
  const show = await prisma.show.findFirst({ where: { id: showId, shop, mode: "public" }, select: { status: true, title: true, startsAt: true } });
  if (!show) return { saved: false, status: 404, reason: "unknown_show", error: `${shop} has no show ${showId}` };
  if (show.status !== "scheduled") {
    return { saved: false, status: 409, reason: "not_upcoming", error: `Show ${showId} is ${show.status}; reminders are for upcoming shows` };
  }
  if (!customerId && !input.email) {
    return { saved: false, status: 422, reason: "email_required", error: "Sign in or give an email address to be reminded" };
  }
  const who = customerId ? { customerId } : { email: input.email as string };
  const existing = await prisma.showReminder.findFirst({ where: { shop, showId, ...who }, select: REMINDER_FIELDS });

  const perAddress = await takeRateLimit(signupsPerAddress(), caller.address, now);
  if (!perAddress.allowed) return rateLimited(perAddress, "Too many reminder sign-ups from this address");
  // The address to confirm: a new reminder's, or one still waiting for its owner (asking again sends the link again).
  const email = existing ? (existing.confirmedAt ? null : existing.email) : (input.email ?? null);
  if (!email) {
    if (!existing) await createReminder(caller, showId, input);
    return { saved: true, confirm: false };
  }
  const perEmail = await takeRateLimit(confirmationsPerEmail(), email, now);
  if (!perEmail.allowed) {
    await perAddress.release();
    return rateLimited(perEmail, "Too many confirmation emails to this address today");
  }
  const reminder = existing ?? (await createReminder(caller, showId, input));
  if (!reminder.email || reminder.confirmedAt) {
    // A signed-in customer whose address already has a confirmed reminder from when they asked as a guest.
    await perEmail.release();
    return { saved: true, confirm: false };
  }
  const shopRow = await prisma.shop.findUnique({ where: { domain: shop }, select: { name: true, timezone: true, storefrontOrigins: true } });
  try {
    await sendReminderConfirmation(
      {
        reminder: { id: reminder.id, email: reminder.email, locale: reminder.locale },
        show,
        shop: { domain: shop, name: shopRow?.name ?? "", timezone: shopRow?.timezone ?? "UTC", storefrontOrigins: shopRow?.storefrontOrigins ?? "" },
        proxyPath: caller.proxyPath,
      },
      now,
    );
  } catch (error) {
    // The MailError names the address; the log names only the reminder.
    const message = error instanceof Error ? error.message.replaceAll(reminder.email, "<shopper>") : String(error);
    log.warn(`[reminders] ${shop} show ${showId}: the confirmation email for reminder ${reminder.id} could not be sent: ${message}`);
    return { saved: false, status: 502, reason: "mail_failed", error: "The confirmation email could not be sent. Try again in a moment." };
  }
  return { saved: true, confirm: true };
}

function rateLimited(refusal: Extract<RateLimitTake, { allowed: false }>, why: string): ReminderResult {
  return { saved: false, status: 429, reason: "rate_limited", error: `${why}. Try again later.`, retryAfterSeconds: refusal.retryAfterSeconds };
}

async function createReminder({ shop, customerId }: ReminderCaller, showId: string, input: ReminderInput): Promise<Reminder> {
  const shopRow = await prisma.shop.findUnique({ where: { domain: shop }, select: { storefrontOrigins: true } });
  try {
    return await prisma.showReminder.create({
      data: {
        shop,
        showId,
        customerId,
        email: input.email ?? null,
        locale: input.locale ?? "en",
        pageUrl: storefrontPage(shop, shopRow?.storefrontOrigins ?? "", input.page),
      },
      select: REMINDER_FIELDS,
    });
  } catch (error) {
    // Two taps at once saved the same reminder, or a signed-in customer's email already has one
    // from when they asked as a guest: either way it is the one reminder for that address.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const taken = customerId ? [{ customerId }, ...(input.email ? [{ email: input.email }] : [])] : [{ email: input.email as string }];
    return prisma.showReminder.findFirstOrThrow({ where: { shop, showId, OR: taken }, select: REMINDER_FIELDS });
  }
}
