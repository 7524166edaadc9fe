// Double opt-in for "Remind me" by email. The storefront form only writes a pending reminder and
// sends one confirmation email; the reminder email goes only to a reminder whose address owner
// followed that email's link (reminder-emails.server.ts reads confirmedAt). The link goes
// through the shop's own storefront and the app proxy, which the shopper's browser can always
// reach, and carries a signed, expiring token (confirmation-token.ts).
import prisma from "~/db.server";
import { env } from "~/env.server";
import { sendMail } from "~/mail/mailer.server";
import { CONFIRMATION_TTL_MS, signConfirmationToken, verifyConfirmationToken } from "./confirmation-token";
import { confirmationEmail, type ConfirmationPageInput } from "./reminder-confirmation";
import { storefrontHome } from "./storefront-page";

export interface ConfirmationTarget {
  reminder: { id: string; email: string; locale: string };
  show: { title: string; startsAt: Date };
  shop: { domain: string; name: string; timezone: string; storefrontOrigins: string };
  /** Where this storefront reaches the app ("/apps/live"), from the sign-up's signed path_prefix. */
  proxyPath: string;
}

/** The link in the email: the confirmation page on the shop's storefront, through the app proxy. */
export function confirmationLink({ reminder, shop, proxyPath }: Omit<ConfirmationTarget, "show">, now: Date): string {
  const token = signConfirmationToken(env().APP_SECRET, reminder.id, new Date(now.getTime() + CONFIRMATION_TTL_MS));
  const home = storefrontHome(shop.domain, shop.storefrontOrigins).replace(/\/$/, "");
  return `${home}${proxyPath}/reminders/confirm?token=${encodeURIComponent(token)}`;
}

/** Sends the confirmation email and notes when, so an address never confirmed is forgotten a day later. */
export async function sendReminderConfirmation(target: ConfirmationTarget, now = new Date()): Promise<void> {
  const { reminder, show, shop } = target;
  await sendMail(
    confirmationEmail({
      to: reminder.email,
      locale: reminder.locale,
      shopName: shop.name || shop.domain,
      timeZone: shop.timezone,
      show,
      link: confirmationLink(target, now),
    }),
  );
  await prisma.showReminder.updateMany({ where: { id: reminder.id }, data: { confirmationSentAt: now } });
}

/**
 * What the confirmation link opens (`confirm: false`, a GET) or does (`confirm: true`, the page's
 * POST). Only a genuine, unexpired token for a reminder of this shop confirms anything; asking
 * twice is harmless, and the first confirmation's time stands.
 */
export async function answerConfirmation(shop: string, token: string | null, { confirm, now = new Date(), acceptLanguage = null }: { confirm: boolean; now?: Date; acceptLanguage?: string | null }): Promise<ConfirmationPageInput> {
  const check = verifyConfirmationToken(env().APP_SECRET, token, now);
  const reminder = check.reminderId
    ? await prisma.showReminder.findFirst({
        where: { id: check.reminderId, shop, email: { not: null } },
        select: { id: true, locale: true, pageUrl: true, confirmedAt: true, show: { select: { title: true, status: true } } },
      })
    : null;
  if (!check.ok || !reminder) return { state: "invalid", locale: reminder?.locale ?? firstLanguage(acceptLanguage) };
  const { locale, show } = reminder;
  const backUrl = reminder.pageUrl ?? (await shopHome(shop));
  if (show.status !== "scheduled") return { state: "not_upcoming", locale, title: show.title, backUrl };
  if (reminder.confirmedAt) return { state: "confirmed", locale, title: show.title, backUrl };
  if (!confirm) return { state: "ask", locale, title: show.title, token: token as string };
  await prisma.showReminder.updateMany({ where: { id: reminder.id, confirmedAt: null }, data: { confirmedAt: now } });
  return { state: "confirmed", locale, title: show.title, backUrl };
}

async function shopHome(shop: string): Promise<string> {
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { storefrontOrigins: true } });
  return storefrontHome(shop, row?.storefrontOrigins ?? "");
}

/** For a link that names no reminder we hold: the browser's first language ("sv-SE,sv;q=0.9" → "sv-SE"). */
function firstLanguage(acceptLanguage: string | null): string {
  const first = (acceptLanguage ?? "").split(",")[0]?.split(";")[0]?.trim() ?? "";
  return /^[a-z]{2}(-[a-z0-9]{2,8})?$/i.test(first) ? first : "en";
}

/**
 * Forgets addresses whose owners never confirmed: once the last confirmation link has expired,
 * nobody can confirm them, and an address nobody agreed to is not kept. Reminders of signed-in
 * customers without an email have nothing to confirm and stay.
 */
export async function forgetUnconfirmedReminders(now = new Date()): Promise<number> {
  const expired = new Date(now.getTime() - CONFIRMATION_TTL_MS);
  const { count } = await prisma.showReminder.deleteMany({
    where: { email: { not: null }, confirmedAt: null, OR: [{ confirmationSentAt: { lte: expired } }, { confirmationSentAt: null, createdAt: { lte: expired } }] },
  });
  return count;
}
