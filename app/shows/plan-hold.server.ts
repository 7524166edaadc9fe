import { mayGoOnAir } from "~/billing/billing.server";
import prisma from "~/db.server";
import { getLiveStream } from "~/video/mux.server";
import { log } from "~/lib/log.server";

/**
 * The encoder connected for a show: a public show goes on air only when the shop has a plan.
 * Without one the show is held off air, so shoppers never see a broadcast the merchant has not
 * agreed to pay for, and the control room says why. A rehearsal, or a show that has already
 * been on air, is never held: a merchant is not cut off mid-show.
 */
export async function holdOffAirWithoutPlan(show: { id: string; shop: string }, at: Date): Promise<boolean> {
  const current = await prisma.show.findFirstOrThrow({ where: { id: show.id, shop: show.shop }, select: { mode: true, wentLiveAt: true, planHoldAt: true } });
  if (current.mode !== "public" || current.wentLiveAt) return false;
  if (await mayGoOnAir(show.shop)) {
    if (current.planHoldAt) await clearPlanHold(show);
    return false;
  }
  if (!current.planHoldAt) await prisma.show.update({ where: { id: show.id, shop: show.shop }, data: { planHoldAt: at } });
  return true;
}

/** The encoder left: nothing is waiting to go on air any more. */
export async function clearPlanHold(show: { id: string; shop: string }): Promise<void> {
  await prisma.show.updateMany({ where: { id: show.id, shop: show.shop, planHoldAt: { not: null } }, data: { planHoldAt: null } });
}

/**
 * Held shows whose encoder is still connected, once the shop has a plan: Mux will not say
 * "active" again for a stream that never stopped, so the app asks Mux and the caller puts
 * these on air. Holds whose encoder has gone are dropped.
 */
export async function takeReleasableHolds(shop: string): Promise<{ id: string; shop: string }[]> {
  const held = await prisma.show.findMany({ where: { shop, planHoldAt: { not: null } }, select: { id: true, shop: true, muxLiveStreamId: true } });
  const releasable: { id: string; shop: string }[] = [];
  for (const show of held) {
    let streaming: boolean;
    try {
      streaming = show.muxLiveStreamId !== null && (await getLiveStream(show.muxLiveStreamId)).status === "active";
    } catch (error) {
      // The hold stays: Mux's next "active" (or the next visit to the plan page) decides.
      log.warn(`[shows] ${shop} show ${show.id}: could not ask Mux whether the encoder is still connected: ${(error as Error).message}`);
      continue;
    }
    await clearPlanHold(show);
    if (streaming) releasable.push({ id: show.id, shop: show.shop });
  }
  return releasable;
}
