// "Remind me" becomes one email, REMINDER_LEAD_MINUTES before a public show starts. The in-process
// ticker looks every REMINDER_INTERVAL_SECONDS; a scheduler may POST /jobs/reminders instead.
//
// At most once. Each reminder is claimed (sentAt set where it was still null) before its email
// is sent, so however many instances, ticks and scheduler calls run at once, one of them sends
// it. An instance that dies between the claim and the send loses that reminder. The other order
// (send, then mark) would be at least once, and SMTP has no idempotency key: a crash after the
// server took the message would mail the shopper twice. A missed courtesy email costs less than
// a shop that looks like it spams, and the storefront's countdown is still there. A send that
// fails is given back for the next pass while the show is still due; the one way that mails
// twice is a server that took the message and lost the connection before saying so.
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { startTicker, type Ticker } from "~/jobs/ticker";
import { sendMail } from "~/mail/mailer.server";
import { pruneRateLimitSlots } from "./rate-limit.server";
import { forgetUnconfirmedReminders } from "./reminder-confirmations.server";
import { reminderEmail } from "./reminder-email";
import { confirmationsPerEmail, signupsPerAddress } from "./reminders.server";
import { storefrontHome } from "./storefront-page";
import { log } from "~/lib/log.server";

interface ReminderRef {
  shop: string;
  showId: string;
  reminderId: string;
}

export interface ReminderEmailPass {
  sent: ReminderRef[];
  /** Kept, not emailed: a signed-in customer whose storefront gave no email (the app cannot read customers). */
  skipped: (ReminderRef & { reason: "no_email" })[];
  failed: (ReminderRef & { error: string })[];
}

/** Reminders a pass may act on: a confirmed address, or a signed-in customer without one (reported as skipped). */
const DELIVERABLE = { OR: [{ email: null }, { confirmedAt: { not: null } }] } satisfies Prisma.ShowReminderWhereInput;

/** The longest show the admin's form allows: a show still scheduled that long after its start is not coming. */
const LONGEST_SHOW_MS = 600 * 60_000;

/** Emails every unsent reminder of each public show, still scheduled, that starts within the lead time. */
export async function sendDueReminderEmails({ now = new Date(), leadMinutes = env().REMINDER_LEAD_MINUTES } = {}): Promise<ReminderEmailPass> {
  const pass: ReminderEmailPass = { sent: [], skipped: [], failed: [] };
  for (const show of await dueShows(now, leadMinutes)) {
    const reminders = await prisma.showReminder.findMany({
      // The reminder's own shop must be the show's: a row that says otherwise is never mailed this
      // show. An address is mailed only once its owner confirmed it (double opt-in).
      where: { showId: show.id, shop: show.shop, sentAt: null, ...DELIVERABLE },
      select: { id: true, email: true, locale: true, pageUrl: true },
      orderBy: { createdAt: "asc" },
    });
    for (const reminder of reminders) {
      const ref = { shop: show.shop, showId: show.id, reminderId: reminder.id };
      if (!reminder.email) {
        pass.skipped.push({ ...ref, reason: "no_email" });
        continue;
      }
      const claimed = await prisma.showReminder.updateMany({ where: { id: reminder.id, sentAt: null }, data: { sentAt: now } });
      if (claimed.count !== 1) continue;
      try {
        await sendMail(
          reminderEmail({
            to: reminder.email,
            locale: reminder.locale,
            shopName: show.shopName,
            timeZone: show.timeZone,
            show,
            link: reminder.pageUrl ?? show.storefrontHome,
          }),
        );
        pass.sent.push(ref);
      } catch (error) {
        await prisma.showReminder.updateMany({ where: { id: reminder.id }, data: { sentAt: null } });
        // The MailError names the address; the log and the scheduler's answer name only the reminder.
        const message = error instanceof Error ? error.message.replaceAll(reminder.email, "<shopper>") : String(error);
        log.warn(`[reminders] ${show.shop} show ${show.id}: reminder ${reminder.id} could not be emailed, and is tried again next pass: ${message}`);
        pass.failed.push({ ...ref, error: message });
      }
    }
  }
  return pass;
}

/**
 * Public shows, still scheduled, in installed shops, that start within the lead time and have a
 * reminder to send. A show running late stays due until its planned end; after that it is not
 * "starting soon" any more.
 */
async function dueShows(now: Date, leadMinutes: number) {
  const shows = await prisma.show.findMany({
    where: {
      mode: "public",
      status: "scheduled",
      startsAt: { lte: new Date(now.getTime() + leadMinutes * 60_000), gt: new Date(now.getTime() - LONGEST_SHOW_MS) },
      reminders: { some: { sentAt: null, ...DELIVERABLE } },
    },
    select: { id: true, shop: true, title: true, hostName: true, startsAt: true, durationMinutes: true },
    orderBy: { startsAt: "asc" },
  });
  const shops = await prisma.shop.findMany({
    where: { domain: { in: [...new Set(shows.map((show) => show.shop))] }, uninstalledAt: null },
    select: { domain: true, name: true, timezone: true, storefrontOrigins: true },
  });
  const installed = new Map(shops.map((shop) => [shop.domain, shop]));
  return shows.flatMap((show) => {
    const shop = installed.get(show.shop);
    if (!shop || show.startsAt.getTime() + show.durationMinutes * 60_000 <= now.getTime()) return [];
    return [{ ...show, shopName: shop.name || shop.domain, timeZone: shop.timezone, storefrontHome: storefrontHome(shop.domain, shop.storefrontOrigins) }];
  });
}

let ticker: Ticker | null = null;

/** Starts emailing due reminders from this process; other instances may run it too (see the claim above). */
export function startReminderEmails(): void {
  if (ticker) return;
  if (!env().MAIL_URL) {
    log.warn("[reminders] MAIL_URL is not set: shoppers who asked to be reminded of a show will not be emailed.");
    return;
  }
  ticker = startTicker("reminder emails", env().REMINDER_INTERVAL_SECONDS * 1000, () => runReminderPass());
}

/** One pass of the reminder job: email what is due, then forget what nobody confirmed and limits that have run out. */
export async function runReminderPass(now = new Date()): Promise<ReminderEmailPass & { forgotten: number }> {
  const pass = await sendDueReminderEmails({ now });
  const forgotten = await forgetUnconfirmedReminders(now);
  await pruneRateLimitSlots([signupsPerAddress(), confirmationsPerEmail()], now);
  return { ...pass, forgotten };
}

export async function stopReminderEmails(): Promise<void> {
  const stopping = ticker;
  ticker = null;
  await stopping?.stop();
}
