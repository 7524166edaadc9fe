// The chat as the control room moderates it: the show's controls, the pinned message, the
// questions waiting for the host (oldest first) and the latest messages to act on. Hidden
// messages are gone from all of it, as they are for viewers. The lineup's question and mention
// counts come along, so the card's "Most asked" starts from the whole show and counts on live.
import prisma from "~/db.server";
import { chatMessageView, MESSAGE_VIEW_FIELDS, type ChatControls, type ChatMessageView } from "./chat-event";
import { RECENT_MESSAGES } from "./chat-history.server";
import { getChatControls } from "./chat-settings.server";
import type { ProductChatCount } from "./insights";
import { readProductChatCounts } from "./insights.server";
import { listQuestionQueue } from "./questions.server";

export interface ControlRoomChat {
  controls: ChatControls;
  pinned: ChatMessageView | null;
  questions: ChatMessageView[];
  /** Oldest first, as the chat reads. */
  latest: ChatMessageView[];
  /** Every lineup product's questions and mentions so far, in lineup order. */
  products: ProductChatCount[];
}

/** Null when the shop has no such show. */
export async function readControlRoomChat(shop: string, showId: string): Promise<ControlRoomChat | null> {
  const controls = await getChatControls(shop, showId);
  if (!controls) return null;
  const [queue, latest, products] = await Promise.all([
    listQuestionQueue(shop, showId),
    prisma.chatMessage.findMany({ where: { shop, showId, hidden: false }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECENT_MESSAGES, select: MESSAGE_VIEW_FIELDS }),
    readProductChatCounts(shop, showId),
  ]);
  return { controls, pinned: queue.pinned, questions: queue.waiting, latest: latest.reverse().map(chatMessageView), products };
}
