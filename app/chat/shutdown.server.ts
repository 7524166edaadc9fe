// What the chat holds in memory when an instance stops: hearts tapped since their last write, and
// the chat windows not yet sent. Both go out before the process exits, hearts first, since telling
// their count opens a window of its own.
import { flushChatWindows } from "./chat-broadcast.server";
import { flushHearts } from "./hearts.server";

export async function flushChat(): Promise<void> {
  await flushHearts();
  await flushChatWindows();
}
