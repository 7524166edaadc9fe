// Every kind of personal data the app keeps about a shopper, in one list: what a data request
// reports and what a redaction erases come from the same entries, so a new kind (chat as it
// grows, viewer events) is one entry here and can never be reported but not erased, or the
// other way round. Every query is scoped to the shop that asked.
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { eraseCustomerChat } from "~/chat/redaction.server";

/** The shopper Shopify names: their customer id, and their email, which guests' data is kept by. */
export interface CustomerRef {
  /** Customer GID. */
  customerId: string;
  /** Lower-cased, as the storefront's forms store it; null when Shopify sent none. */
  email: string | null;
}

interface CustomerDataKind {
  /** The section's name in the data request's report. */
  section: string;
  collect(shop: string, who: CustomerRef): Promise<Record<string, unknown>[]>;
  erase(shop: string, who: CustomerRef): Promise<void>;
}

/** Rows that are this shopper's: by customer id, or by the email a guest typed. */
function byIdOrEmail(shop: string, who: CustomerRef) {
  return { shop, OR: [{ customerId: who.customerId }, ...(who.email ? [{ email: who.email }] : [])] } satisfies Prisma.ShowReminderWhereInput;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const CUSTOMER_DATA: readonly CustomerDataKind[] = [
  {
    section: "showReminders",
    async collect(shop, who) {
      const reminders = await prisma.showReminder.findMany({
        where: byIdOrEmail(shop, who),
        orderBy: { createdAt: "asc" },
        include: { show: { select: { title: true, startsAt: true } } },
      });
      return reminders.map((reminder) => ({
        showId: reminder.showId,
        showTitle: reminder.show.title,
        showStartsAt: iso(reminder.show.startsAt),
        customerId: reminder.customerId,
        email: reminder.email,
        language: reminder.locale,
        pageUrl: reminder.pageUrl,
        askedAt: iso(reminder.createdAt),
        confirmationSentAt: iso(reminder.confirmationSentAt),
        confirmedAt: iso(reminder.confirmedAt),
        reminderSentAt: iso(reminder.sentAt),
      }));
    },
    async erase(shop, who) {
      await prisma.showReminder.deleteMany({ where: byIdOrEmail(shop, who) });
    },
  },
  {
    // Chat keeps the signed-in customer's id only; a guest's messages carry no customer.
    section: "chatMessages",
    async collect(shop, who) {
      const messages = await prisma.chatMessage.findMany({
        where: { shop, customerId: who.customerId },
        orderBy: { createdAt: "asc" },
        include: { show: { select: { title: true } } },
      });
      return messages.map((message) => ({
        showId: message.showId,
        showTitle: message.show.title,
        authorName: message.authorName,
        body: message.body,
        sentAt: iso(message.createdAt),
        hidden: message.hidden,
      }));
    },
    async erase(shop, who) {
      await eraseCustomerChat(shop, who.customerId);
    },
  },
  {
    // A ban from the chat names the customer who was banned (app/chat/bans.server.ts).
    section: "chatBans",
    async collect(shop, who) {
      const bans = await prisma.chatBan.findMany({ where: { shop, customerId: who.customerId }, orderBy: { createdAt: "asc" }, include: { show: { select: { title: true } } } });
      return bans.map((ban) => ({ showId: ban.showId, showTitle: ban.show?.title ?? null, everyShow: ban.showId === null, bannedAt: iso(ban.createdAt) }));
    },
    async erase(shop, who) {
      await prisma.chatBan.deleteMany({ where: { shop, customerId: who.customerId } });
    },
  },
];

export interface CustomerDataReport {
  shop: string;
  dataRequestId: string;
  customer: { id: string; email: string | null };
  generatedAt: string;
  data: Record<string, Record<string, unknown>[]>;
}

export async function collectCustomerData(shop: string, who: CustomerRef, dataRequestId: string, now = new Date()): Promise<CustomerDataReport> {
  const data: CustomerDataReport["data"] = {};
  for (const kind of CUSTOMER_DATA) data[kind.section] = await kind.collect(shop, who);
  return { shop, dataRequestId, customer: { id: who.customerId, email: who.email }, generatedAt: now.toISOString(), data };
}

export async function eraseCustomerData(shop: string, who: CustomerRef): Promise<void> {
  for (const kind of CUSTOMER_DATA) await kind.erase(shop, who);
}
