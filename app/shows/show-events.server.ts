// The show's viewers hear about its timeline: a status change, a pin, a deal. Each event keeps
// the number its timeline entry took (Show.lastEventSeq), so a reconnecting viewer resumes in
// order. Called after the entry's transaction commits, so no snapshot runs ahead of an event.
import type { ShowEventPayloads, ShowEventType } from "~/realtime/events";
import { publishNumberedEvent } from "~/realtime/publish.server";
import { log } from "~/lib/log.server";

/**
 * Never throws: the entry is stored whatever happens to the announcement, and a viewer who
 * missed it gets the state from the snapshot when their stream reconnects.
 */
export async function announceToViewers<T extends ShowEventType>(shop: string, showId: string, seq: number, type: T, data: ShowEventPayloads[T]): Promise<void> {
  try {
    await publishNumberedEvent({ showId, seq, type, data });
  } catch (error) {
    log.warn(`[shows] ${shop} show ${showId}: viewers were not told of ${type} #${seq} (${(error as Error).message}); they catch up when they reconnect`);
  }
}
