import prisma from "~/db.server";
import { formatZonedDateTime } from "~/lib/zoned-time";
import { getShopSettings } from "~/shops/shops.server";
import { forgetRateLimitSubject } from "~/storefront/rate-limit.server";
import { confirmationsPerEmail } from "~/storefront/reminders.server";
import { collectCustomerData, eraseCustomerData, type CustomerRef } from "./customer-data.server";

/**
 * customers/redact: everything the app keeps about the shopper in this shop goes, found by their
 * customer id and by their email (a guest's reminder knows only the address), with the reports
 * of their earlier data requests. Another shop's rows for the same email stay: each shop asks
 * for its own customers. The confirmation-email limit for the address goes too; it holds only an
 * HMAC of it, and it is the one thing kept across shops, so forgetting it touches no shop's data.
 */
export async function redactCustomer(shop: string, who: CustomerRef) {
  await eraseCustomerData(shop, who);
  await prisma.customerDataRequest.deleteMany({ where: { shop, OR: [{ customerId: who.customerId }, ...(who.email ? [{ email: who.email }] : [])] } });
  if (who.email) await forgetRateLimitSubject(confirmationsPerEmail(), who.email);
}

/**
 * customers/data_request: what the app holds for the shopper, kept as a report the merchant reads
 * and downloads under Settings → Privacy requests. Shopify expects the app to hand the data to the
 * store owner, who answers the customer. Kept in the admin rather than emailed: the merchant asked
 * for it from their Shopify admin and finds it where they manage the app, email may not be set up
 * (MAIL_URL is optional), and a report in a mailbox is a copy no redaction can reach, while this
 * row goes with customers/redact and shop/redact. A request Shopify sends again is answered anew.
 */
export async function recordCustomerDataRequest(shop: string, who: CustomerRef, dataRequestId: string, now = new Date()) {
  const report = JSON.stringify(await collectCustomerData(shop, who, dataRequestId, now));
  const row = { customerId: who.customerId, email: who.email, report, receivedAt: now };
  await prisma.customerDataRequest.upsert({ where: { shop_dataRequestId: { shop, dataRequestId } }, create: { shop, dataRequestId, ...row }, update: row });
}

export interface PrivacyRequestListItem {
  id: string;
  dataRequestId: string;
  customerId: string;
  email: string | null;
  receivedAt: string;
  /** When Shopify sent it, in the shop's timezone ("Dec 1, 2026, 6:00 PM"). */
  receivedAtLabel: string;
  /** How many rows each section of the report holds, for the list. */
  counts: Record<string, number>;
}

/** The shop's data requests, newest first, for Settings. */
export async function listCustomerDataRequests(shop: string, take = 50): Promise<PrivacyRequestListItem[]> {
  const [rows, { timezone }] = await Promise.all([prisma.customerDataRequest.findMany({ where: { shop }, orderBy: { receivedAt: "desc" }, take }), getShopSettings(shop)]);
  return rows.map((row) => {
    const report = JSON.parse(row.report) as { data?: Record<string, unknown[]> };
    const counts = Object.fromEntries(Object.entries(report.data ?? {}).map(([section, items]) => [section, items.length]));
    return { id: row.id, dataRequestId: row.dataRequestId, customerId: row.customerId, email: row.email, receivedAt: row.receivedAt.toISOString(), receivedAtLabel: formatZonedDateTime(row.receivedAt, timezone), counts };
  });
}

/** One report as the merchant downloads it; null when it is not this shop's. */
export async function getCustomerDataReport(shop: string, id: string): Promise<{ fileName: string; json: string } | null> {
  const row = await prisma.customerDataRequest.findFirst({ where: { id, shop } });
  if (!row) return null;
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, "");
  const customer = safe(row.customerId.split("/").pop() ?? "") || "customer";
  return { fileName: `data-request-${safe(row.dataRequestId) || row.id}-customer-${customer}.json`, json: `${JSON.stringify(JSON.parse(row.report), null, 2)}\n` };
}

/** shop/redact, 48 hours after uninstall: everything the app holds for the shop goes. */
export async function redactShop(shop: string) {
  await prisma.$transaction([
    prisma.commissionEntry.deleteMany({ where: { shop } }),
    prisma.payout.deleteMany({ where: { shop } }),
    prisma.payoutRun.deleteMany({ where: { shop } }),
    prisma.creatorLoginToken.deleteMany({ where: { shop } }),
    prisma.creatorSession.deleteMany({ where: { shop } }),
    prisma.show.deleteMany({ where: { shop } }),
    prisma.creator.deleteMany({ where: { shop } }),
    prisma.showStats.deleteMany({ where: { shop } }),
    prisma.showMinute.deleteMany({ where: { shop } }),
    prisma.showViewer.deleteMany({ where: { shop } }),
    prisma.showViewerMinute.deleteMany({ where: { shop } }),
    prisma.showSale.deleteMany({ where: { shop } }),
    prisma.shopOrder.deleteMany({ where: { shop } }),
    // Also gone with their show or creator; named so the list reads as every table with a shop.
    prisma.showReminder.deleteMany({ where: { shop } }),
    prisma.chatMessage.deleteMany({ where: { shop } }),
    prisma.chatBan.deleteMany({ where: { shop } }),
    prisma.showUsageCharge.deleteMany({ where: { shop } }),
    prisma.showDeal.deleteMany({ where: { shop } }),
    prisma.showEvent.deleteMany({ where: { shop } }),
    prisma.showProduct.deleteMany({ where: { shop } }),
    prisma.payoutSkip.deleteMany({ where: { shop } }),
    prisma.creatorBankPayout.deleteMany({ where: { shop } }),
    prisma.customerDataRequest.deleteMany({ where: { shop } }),
    prisma.inventoryLevel.deleteMany({ where: { shop } }),
    prisma.variantStock.deleteMany({ where: { shop } }),
    prisma.webhookReceipt.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { domain: shop } }),
  ]);
}
