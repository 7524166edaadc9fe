import prisma from "~/db.server";

/** customers/redact: the personal data the app keeps about a shopper is their chat and their show reminders. */
export async function redactCustomer(shop: string, customerId: string) {
  await prisma.chatMessage.deleteMany({ where: { shop, customerId } });
  await prisma.showReminder.deleteMany({ where: { shop, customerId } });
}

/** shop/redact, 48 hours after uninstall: everything the app holds for the shop goes. */
export async function redactShop(shop: string) {
  await prisma.$transaction([
    prisma.commissionEntry.deleteMany({ where: { shop } }),
    prisma.payout.deleteMany({ where: { shop } }),
    prisma.payoutRun.deleteMany({ where: { shop } }),
    prisma.creatorLoginToken.deleteMany({ where: { shop } }),
    prisma.show.deleteMany({ where: { shop } }),
    prisma.creator.deleteMany({ where: { shop } }),
    prisma.showStats.deleteMany({ where: { shop } }),
    prisma.inventoryLevel.deleteMany({ where: { shop } }),
    prisma.variantStock.deleteMany({ where: { shop } }),
    prisma.webhookReceipt.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { domain: shop } }),
  ]);
}
