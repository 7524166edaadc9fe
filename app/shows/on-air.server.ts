import prisma from "~/db.server";
import { refreshVariantStock } from "~/inventory/reconcile.server";
import { publishPrivateEvent } from "~/realtime/publish.server";
import { unauthenticated } from "~/shopify.server";
import { log } from "~/lib/log.server";

/**
 * When a show goes live, the stock of its lineup is read from the Admin API and every viewer
 * gets the corrections: webhooks missed while nobody watched must not greet the first buyers.
 * Variants the cache has never seen are read when the storefront first asks for them.
 * Returns how many variants had drifted, which the show's analytics keep.
 */
export async function reconcileLineupOnAir(shop: string, showId: string): Promise<number> {
  const lineup = await prisma.showProduct.findMany({ where: { shop, showId, removedAt: null }, select: { productId: true } });
  const variants = await prisma.variantStock.findMany({
    where: { shop, productId: { in: lineup.map((product) => product.productId) } },
    select: { variantId: true },
  });
  if (!variants.length) return 0;
  const { admin } = await unauthenticated.admin(shop);
  const drift = await refreshVariantStock(admin, shop, variants.map((variant) => variant.variantId));
  const stats = await prisma.showStats.upsert({
    where: { showId },
    create: { showId, shop, stockDrift: drift },
    update: { stockDrift: { increment: drift } },
    select: { stockDrift: true },
  });
  if (drift > 0) await announceCorrections(shop, showId, stats.stockDrift);
  return drift;
}

/** The control room's count of corrections; a page that misses it reads it when it reconnects. */
async function announceCorrections(shop: string, showId: string, stockCorrections: number) {
  try {
    await publishPrivateEvent({ showId, type: "corrections", data: { stockCorrections } });
  } catch (error) {
    log.warn(`[shows] ${shop} show ${showId}: the control room was not told of ${stockCorrections} stock corrections (${(error as Error).message})`);
  }
}
