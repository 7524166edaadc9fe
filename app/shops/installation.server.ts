import prisma from "~/db.server";

/** The merchant removed the app: its access tokens are worthless now, so they go at once. */
export async function markUninstalled(shop: string) {
  await prisma.session.deleteMany({ where: { shop } });
  await prisma.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: new Date() } });
}
