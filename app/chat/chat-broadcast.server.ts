// Tells a show's viewers what happened in its chat: everything within CHAT_WINDOW_MS goes out as
// one numbered "chat" event, so a thousand messages a second reach each viewer as four frames,
// not a thousand writes per viewer. The number is claimed when the window closes (one UPDATE per
// window per instance), and the event goes through the bus like any other show event. A window
// that cannot be sent is logged and dropped: the messages are stored, and a viewer who missed
// them reads the recent ones again when the player reconnects (chat-history.server.ts).
import { claimEventSeqs } from "~/realtime/sequence.server";
import { publishNumberedEvent } from "~/realtime/publish.server";
import { log } from "~/lib/log.server";
import { WindowBatcher } from "./chat-batcher";
import { mergeChatEvents, type ChatEventData } from "./chat-event";

export const CHAT_WINDOW_MS = 250;

declare global {
  // One batcher per process, also across Vite's module reloads in development.
  var liveShowsChatBatcher: WindowBatcher<ChatEventData> | undefined;
}

async function sendWindow(key: string, parts: ChatEventData[]): Promise<void> {
  const [shop, showId] = JSON.parse(key) as [string, string];
  try {
    const seq = (await claimEventSeqs(shop, [showId])).get(showId);
    if (seq === undefined) return; // the show is gone
    await publishNumberedEvent({ showId, seq, type: "chat", data: { ...mergeChatEvents(parts) } });
  } catch (error) {
    log.warn(`[chat] ${shop} show ${showId}: a chat window of ${parts.length} changes was not sent (${(error as Error).message}); viewers catch up when they reconnect`);
  }
}

function batcher(): WindowBatcher<ChatEventData> {
  return (globalThis.liveShowsChatBatcher ??= new WindowBatcher(CHAT_WINDOW_MS, sendWindow));
}

/** Queues a change for the show's next chat event. */
export function tellChatViewers(shop: string, showId: string, change: ChatEventData): void {
  batcher().add(JSON.stringify([shop, showId]), change);
}

/** Sends every open window now. */
export function flushChatWindows(): Promise<void> {
  return batcher().flush();
}
