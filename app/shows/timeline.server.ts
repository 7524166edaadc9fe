import type { Prisma } from "@prisma/client";

export interface TimelineEntry {
  seq: number;
  offsetMs: number | null;
}

/**
 * Appends an event to the show's timeline with the next per-show sequence number and its
 * offset into the stream (null before the show went live). Runs inside the caller's transaction.
 */
export async function appendTimelineEvent(
  tx: Prisma.TransactionClient,
  shop: string,
  showId: string,
  type: string,
  payload: Record<string, unknown>,
  at: Date,
): Promise<TimelineEntry> {
  const show = await tx.show.update({ where: { id: showId, shop }, data: { lastEventSeq: { increment: 1 } } });
  const offsetMs = show.wentLiveAt ? Math.max(0, at.getTime() - show.wentLiveAt.getTime()) : null;
  await tx.showEvent.create({
    data: { shop, showId, seq: show.lastEventSeq, type, payload: JSON.stringify({ at: at.toISOString(), ...payload }), offsetMs },
  });
  return { seq: show.lastEventSeq, offsetMs };
}
