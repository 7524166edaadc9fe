import { getBus } from "./bus.server";
import { showChannel } from "./bus";
import type { RealtimeEvent, ShowEventPayloads, ShowEventType } from "./events";
import { claimEventSeqsOfShowsListing } from "./sequence.server";

/** Numbers the event in every show of these statuses whose lineup holds the product (stock, for one) and sends it to every instance's viewers of those shows. */
export async function publishToShowsListing<T extends ShowEventType>(
  shop: string,
  productId: string,
  statuses: readonly string[],
  type: T,
  data: ShowEventPayloads[T],
): Promise<RealtimeEvent<T>[]> {
  const seqs = await claimEventSeqsOfShowsListing(shop, productId, statuses);
  const events = [...seqs].map(([showId, seq]) => ({ showId, seq, type, data }));
  await Promise.all(events.map(publishNumberedEvent));
  return events;
}

/**
 * Sends an event that already has its number: one the caller claimed from Show.lastEventSeq
 * itself, such as a timeline entry written in the same transaction (shows/timeline.server.ts).
 * Publish after that transaction commits, so a viewer's snapshot never runs ahead of the event.
 */
export async function publishNumberedEvent(event: RealtimeEvent): Promise<void> {
  await getBus().publish(showChannel(event.showId), event);
}
