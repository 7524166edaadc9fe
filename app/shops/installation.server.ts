import prisma from "~/db.server";
import { disableShopStreams } from "./shop-streams.server";

/**
 * The merchant removed the app: its access tokens are worthless now, so they go at once; the
 * shop is marked uninstalled, which every background job reads (reconciliation, reminder emails,
 * scheduled payouts and usage-charge retries skip it); and its streams stop taking encoders.
 * Everything else stays until shop/redact, in case the merchant comes back. A second delivery
 * finds it all done already and changes nothing: the first uninstall's time stands.
 */
export async function markUninstalled(shop: string, now = new Date()) {
  await prisma.session.deleteMany({ where: { shop } });
  // A shop the app never finished setting up still gets a row, so the jobs know it is gone.
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, uninstalledAt: now }, update: {} });
  await prisma.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: now } });
  await disableShopStreams(shop);
}
