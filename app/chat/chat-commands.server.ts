// The control room's chat moderation, for the shop's own show only: each command names the show
// and, where it acts on one, the message; a message of another show (or another shop) is not
// found. What a command changes reaches the show's viewers in the next chat window
// (chat-broadcast.server.ts), or at once for an answer (its timeline entry's number).
import { banMessageAuthor, type ChatModerator } from "./bans.server";
import { getChatControls, setChatControls } from "./chat-settings.server";
import type { ChatCommand } from "./chat-commands";
import { hideChatMessage } from "./moderation.server";
import { markQuestionAnswered, pinChatMessage, unpinChatMessage } from "./questions.server";

/** What the merchant reads; a command that fails found no such show or message in the shop. */
export interface ChatCommandResult {
  ok: boolean;
  message: string;
}

const done = (message: string): ChatCommandResult => ({ ok: true, message });
const notFound = (message: string): ChatCommandResult => ({ ok: false, message });
const NO_SUCH_SHOW = "This show does not exist in your shop.";

export interface ChatCommandOptions {
  /** The merchant in the admin, or the show's host in the creator portal: a ban records who gave it. */
  by?: ChatModerator;
  now?: Date;
}

export async function runChatCommand(shop: string, showId: string, command: ChatCommand, { by = "merchant", now = new Date() }: ChatCommandOptions = {}): Promise<ChatCommandResult> {
  switch (command.intent) {
    case "set_chat": {
      const controls = await setChatControls(shop, showId, { enabled: command.chat });
      if (!controls) return notFound(NO_SUCH_SHOW);
      return done(controls.enabled ? "The chat is on: viewers can post." : "The chat is off: viewers can read it but not post.");
    }
    case "set_slow_mode": {
      const controls = await setChatControls(shop, showId, { slowSeconds: command.slowSeconds });
      if (!controls) return notFound(NO_SUCH_SHOW);
      return done(controls.slowSeconds ? `Slow mode is on: each viewer may post once every ${controls.slowSeconds} seconds.` : "Slow mode is off.");
    }
    case "unpin_message":
      if (!(await getChatControls(shop, showId))) return notFound(NO_SUCH_SHOW);
      await unpinChatMessage(shop, showId);
      return done("The pinned message is taken down.");
    case "hide_message":
      return (await hideChatMessage(shop, showId, command.messageId))
        ? done("The message is hidden from every viewer and from the replay.")
        : notFound("That message is not in this show's chat, or it is hidden already.");
    case "pin_message":
      return (await pinChatMessage(shop, showId, command.messageId))
        ? done("The message is pinned above the chat for every viewer.")
        : notFound("That message is not in this show's chat, or it was hidden.");
    case "ban_viewer": {
      const banned = await banMessageAuthor(shop, showId, command.messageId, command.scope, by, now);
      if (!banned) return notFound("That message is not a viewer's message in this show's chat.");
      const from = command.scope === "shop" ? "every show of your shop" : "this show's chat";
      const count = banned.hidden.length;
      return done(`The viewer is banned from ${from}; ${count} of their messages ${count === 1 ? "is" : "are"} now hidden from every viewer.`);
    }
    case "mark_answered":
      return (await markQuestionAnswered(shop, showId, command.messageId, now))
        ? done("Marked answered. The replay gets a chapter at this moment.")
        : notFound("That question is not in this show's chat, or it is answered already.");
  }
}
