// "Remind me" for an upcoming show: a signed-in customer is remembered by their customer id, a
// guest by the email they typed. Asking twice is the same reminder.
import { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "~/db.server";

export const reminderInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "That email address is too long")
    .pipe(z.email({ error: "Enter an email address like name@example.com" }))
    .optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[a-z0-9]{2,8})?$/i)
    .optional(),
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
  try {
    await prisma.showReminder.create({ data: { shop, showId, ...who, locale: input.locale ?? "en" } });
  } catch (error) {
    // Two taps at once: the other request saved the same reminder.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  return { saved: true };
}
