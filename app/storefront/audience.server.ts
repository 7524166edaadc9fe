// How many watch a show now: the count of distinct viewers across instances (realtime's viewer
// presence) goes to the show's channel as a "viewers" event, and each minute's highest count is
// kept for the show's analytics (ShowViewerMinute; the show's peak is the highest of them).
import prisma from "~/db.server";
import { minuteOf, type Tally } from "~/realtime/presence";
import { publishNumberedEvent } from "~/realtime/publish.server";
import { claimEventSeqs } from "~/realtime/sequence.server";

/** A new count goes to everyone following the show; either way the minute keeps its highest. */
export async function announceViewerCount(shop: string, showId: string, tally: Extract<Tally, { kind: "announce" | "record" }>, at: Date): Promise<void> {
  // Kept before it is told: whoever reads the minutes after an announcement finds at least that count.
  if (tally.count > 0) await recordMinutePeak(shop, showId, minuteOf(at.getTime()), tally.count);
  if (tally.kind === "announce") {
    const seq = (await claimEventSeqs(shop, [showId])).get(showId);
    // No number: the show is not this shop's, or was deleted.
    if (seq === undefined) return;
    await publishNumberedEvent({ showId, seq, type: "viewers", data: { count: tally.count } });
  }
}

/** Raised only: two instances' announcements in one minute keep the higher. */
async function recordMinutePeak(shop: string, showId: string, minute: number, count: number) {
  await prisma.showViewerMinute.upsert({
    where: { showId_minute: { showId, minute } },
    create: { shop, showId, minute, peak: count },
    update: {},
  });
  await prisma.showViewerMinute.updateMany({ where: { shop, showId, minute, peak: { lt: count } }, data: { peak: count } });
}

/** The most viewers the show has had at once, across its minutes. */
export async function peakViewers(shop: string, showId: string): Promise<number> {
  const { _max } = await prisma.showViewerMinute.aggregate({ where: { shop, showId }, _max: { peak: true } });
  return _max.peak ?? 0;
}
