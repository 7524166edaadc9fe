// What the app has sent out of each show's chat. A post is answered before its message goes out:
// the app sends messages in short windows, and each window numbers an event of its show. A test
// that compares the shop's data around a refusal first waits here for the messages posted before
// it, so the window's write never lands inside the comparison.
import type { ChatEventData } from "~/chat/chat-event";
import { dataOf, openEventStream, type EventStream } from "./sse-client";

export interface ChatWindows {
  /** Starts following a show's chat, before anything is posted to it. */
  follow(showId: string): Promise<void>;
  /** Resolves once every one of `messageIds` has gone out to the show's viewers (a show not followed: at once). */
  sent(showId: string, messageIds: string[]): Promise<void>;
  close(): void;
}

export function chatWindows(appUrl: string, shop: string, origin: string): ChatWindows {
  const streams = new Map<string, EventStream>();
  // Only this module takes these streams' events, and only to wake: `received` keeps them all.
  // Waiters on one stream share one wait, so none of them takes an event another waits for.
  const waits = new Map<EventStream, Promise<unknown>>();
  const nextOf = (stream: EventStream) => {
    let wait = waits.get(stream);
    if (!wait) {
      wait = stream.next(5_000).finally(() => waits.delete(stream));
      waits.set(stream, wait);
    }
    return wait;
  };
  const sentOf = (stream: EventStream) =>
    new Set(stream.received.filter((event) => event.event === "chat").flatMap((event) => (dataOf<ChatEventData>(event).messages ?? []).map((message) => message.id)));
  return {
    async follow(showId) {
      const stream = await openEventStream(`${appUrl}/realtime/shows/${showId}?shop=${shop}`, { origin });
      if (stream.status !== 200) throw new Error(`The chat of show ${showId} cannot be followed: ${stream.status} ${await stream.body}`);
      streams.set(showId, stream);
    },
    async sent(showId, messageIds) {
      const stream = streams.get(showId);
      if (!stream) return;
      while (!messageIds.every((id) => sentOf(stream).has(id))) await nextOf(stream);
    },
    close() {
      for (const stream of streams.values()) stream.close();
    },
  };
}
