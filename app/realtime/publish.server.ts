import { getBus } from "./bus.server";
import { privateChannel, showChannel } from "./bus";
import type { PrivateEvent, RealtimeEvent } from "./events";

/**
 * Sends an event that already has its number: one the caller claimed from Show.lastEventSeq
 * (realtime/sequence.server.ts), such as a timeline entry written in the same transaction
 * (shows/timeline.server.ts) or a stock change numbered before its stock is read
 * (inventory/publish-stock.server.ts).
 * Publish after that transaction commits, so a viewer's snapshot never runs ahead of the event.
 */
export async function publishNumberedEvent(event: RealtimeEvent): Promise<void> {
  await getBus().publish(showChannel(event.showId), event);
}

/** Sends a show's private figures to its control room alone (privateChannel), never to its shoppers. */
export async function publishPrivateEvent(event: PrivateEvent): Promise<void> {
  await getBus().publish(privateChannel(event.showId), event);
}
