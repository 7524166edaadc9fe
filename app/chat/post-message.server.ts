// A viewer posts to a show's chat through the app proxy. In order: the show is this shop's and
// live with its chat on; the viewer token is genuine and for this show; the text is within the
// rules (length, no links, none of the shop's blocked words); the viewer is not banned
// (bans.server.ts); then the rate limits (per viewer, per address, and the show's slow mode)
// take their tokens, and only then is anything written.
// A refused message writes nothing. A stored message goes to every viewer in the show's next
// chat window (chat-broadcast.server.ts), and to the assistant, which may answer it a moment
// later (assistant.server.ts).
import prisma from "~/db.server";
import { addressKey } from "~/realtime/connection-limiter";
import type { ProxyCaller } from "~/storefront/app-proxy.server";
import { askAssistant } from "./assistant.server";
import { isBannedFromChat } from "./bans.server";
import { findBlockedWord } from "./blocked-words";
import { tellChatViewers } from "./chat-broadcast.server";
import { chatMessageView, MESSAGE_VIEW_FIELDS, type ChatMessageView } from "./chat-event";
import type { ChatPostInput } from "./chat-input";
import { MESSAGES_PER_ADDRESS, MESSAGES_PER_VIEWER, SLOW_MODE, slowMode, takeBuckets } from "./chat-limits.server";
import { getChatSettings } from "./chat-settings.server";
import { chatViewerOf } from "./chat-viewer.server";
import { checkMessageText, checkNickname } from "./message-text";
import { retryAfterSeconds } from "./token-bucket";

export type ChatRefusalReason =
  | "unknown_show"
  | "viewer_token"
  | "chat_closed"
  | "chat_off"
  | "empty"
  | "too_long"
  | "only_links"
  | "nickname_required"
  | "nickname_too_long"
  | "nickname_link"
  | "blocked_word"
  | "rate_limited"
  | "slow_mode"
  | "banned";

export type ChatPostResult =
  | { posted: true; message: ChatMessageView; linksRemoved: number }
  | { posted: false; status: 401 | 403 | 404 | 409 | 422 | 429; reason: ChatRefusalReason; error: string; retryAfterSeconds?: number };

const refuse = (status: 401 | 403 | 404 | 409 | 422 | 429, reason: ChatRefusalReason, error: string, retryAfter?: number): ChatPostResult => ({
  posted: false,
  status,
  reason,
  error,
  ...(retryAfter !== undefined && { retryAfterSeconds: retryAfter }),
});

export async function postChatMessage(caller: ProxyCaller, showId: string, input: ChatPostInput, now = new Date()): Promise<ChatPostResult> {
  const { shop } = caller;
  const viewerId = chatViewerOf(input.token, showId, now);
  // Read together, though each check below still answers in its order: while a chat window goes
  // out to thousands of viewers, every read awaited on its own waits for the event loop again.
  const [show, settings, banned] = await Promise.all([
    prisma.show.findFirst({
      where: { id: showId, shop },
      select: { status: true, wentLiveAt: true, chatEnabled: true, chatSlowSeconds: true },
    }),
    getChatSettings(shop),
    viewerId ? isBannedFromChat(shop, showId, { customerId: caller.customerId, viewerId }) : false,
  ]);
  if (!show) return refuse(404, "unknown_show", `${shop} has no show ${showId}`);
  if (!viewerId) return refuse(401, "viewer_token", "The viewer token is not valid for this show, or has expired: load the show again");
  if (show.status !== "live") return refuse(409, "chat_closed", "The chat is open while the show is live");
  if (!show.chatEnabled) return refuse(409, "chat_off", "The host has turned the chat off");

  const text = checkMessageText(input.body);
  if (!text.ok) return refuse(422, text.reason, text.error);
  // A signed-in customer's name is their first name as the block's Liquid gave it to the player:
  // as self-asserted as a guest's nickname (only the customer id is signed), so held to the same rules.
  const nickname = checkNickname(input.nickname);
  if (!nickname.ok) return refuse(422, nickname.reason, nickname.error);
  if (findBlockedWord(text.text, settings.blockedWords) || findBlockedWord(nickname.nickname, settings.blockedWords)) {
    return refuse(422, "blocked_word", "This shop does not allow a word in that message or name. Please rephrase it.");
  }

  // Before the buckets: a banned viewer's attempts take no tokens.
  if (banned) {
    return refuse(403, "banned", "The host has banned you from this chat, so your messages are not posted.");
  }

  const buckets = [
    { rule: MESSAGES_PER_VIEWER, subject: viewerId },
    { rule: MESSAGES_PER_ADDRESS, subject: addressKey(caller.address) },
    ...(show.chatSlowSeconds > 0 ? [{ rule: slowMode(showId, show.chatSlowSeconds), subject: viewerId }] : []),
  ];
  const take = await takeBuckets(buckets, now);
  if (!take.allowed) {
    const wait = retryAfterSeconds(take.retryAfterMs);
    return take.rule.name.startsWith(SLOW_MODE)
      ? refuse(429, "slow_mode", `Slow mode is on: one message every ${show.chatSlowSeconds} seconds. Try again in ${wait} s.`, wait)
      : refuse(429, "rate_limited", `You are sending messages too quickly. Try again in ${wait} s.`, wait);
  }

  const stored = await prisma.chatMessage.create({
    data: {
      shop,
      showId,
      customerId: caller.customerId,
      viewerId,
      authorName: nickname.nickname,
      body: text.text,
      question: input.question ?? false,
      offsetMs: show.wentLiveAt ? Math.max(0, now.getTime() - show.wentLiveAt.getTime()) : null,
      createdAt: now,
    },
    select: MESSAGE_VIEW_FIELDS,
  });
  const message = chatMessageView(stored);
  tellChatViewers(shop, showId, { messages: [message] });
  askAssistant(shop, showId, { ...message, country: input.country, locale: input.locale }, settings);
  return { posted: true, message, linksRemoved: text.linksRemoved };
}
