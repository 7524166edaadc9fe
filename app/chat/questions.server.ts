// Questions for the host: a viewer asks a message as a question (post-message.server.ts); the
// control room lists those not yet answered, pins one above the chat in the player, and marks it
// answered. An answer is a timeline entry (type "question_answered") at its offset into the
// stream, so the replay can open at it; the entry names the message only, so a customer's
// redaction takes the question's words with their message.
import prisma from "~/db.server";
import { publishNumberedEvent } from "~/realtime/publish.server";
import { appendTimelineEvent } from "~/shows/timeline.server";
import { log } from "~/lib/log.server";
import { tellChatViewers } from "./chat-broadcast.server";
import { chatMessageView, MESSAGE_VIEW_FIELDS, type ChatMessageView } from "./chat-event";

export const QUESTION_ANSWERED = "question_answered";

export interface QuestionQueue {
  pinned: ChatMessageView | null;
  /** Oldest first: the order they were asked. */
  waiting: ChatMessageView[];
}

export async function listQuestionQueue(shop: string, showId: string, take = 100): Promise<QuestionQueue> {
  const visible = { shop, showId, hidden: false, kind: "viewer" };
  const [pinned, waiting] = await Promise.all([
    prisma.chatMessage.findFirst({ where: { ...visible, pinned: true }, select: MESSAGE_VIEW_FIELDS }),
    prisma.chatMessage.findMany({ where: { ...visible, question: true, answered: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take, select: MESSAGE_VIEW_FIELDS }),
  ]);
  return { pinned: pinned && chatMessageView(pinned), waiting: waiting.map(chatMessageView) };
}

/** Pins a viewer's message above the chat, in place of any other; false when there is no such visible message. */
export async function pinChatMessage(shop: string, showId: string, messageId: string): Promise<boolean> {
  const pinned = await prisma.$transaction(async (tx) => {
    const { count } = await tx.chatMessage.updateMany({ where: { id: messageId, shop, showId, hidden: false, kind: "viewer" }, data: { pinned: true } });
    if (count === 0) return null;
    await tx.chatMessage.updateMany({ where: { shop, showId, pinned: true, id: { not: messageId } }, data: { pinned: false } });
    return tx.chatMessage.findFirstOrThrow({ where: { id: messageId, shop }, select: MESSAGE_VIEW_FIELDS });
  });
  if (!pinned) return false;
  tellChatViewers(shop, showId, { pinned: chatMessageView(pinned) });
  return true;
}

export async function unpinChatMessage(shop: string, showId: string): Promise<void> {
  const { count } = await prisma.chatMessage.updateMany({ where: { shop, showId, pinned: true }, data: { pinned: false } });
  if (count > 0) tellChatViewers(shop, showId, { pinned: null });
}

/**
 * Marks a question answered (and takes it down if pinned) with a timeline entry. The entry's
 * number is the event that tells the viewers, sent at once: a number claimed must be sent, or
 * viewers wait for it. False when there is no such unanswered question.
 */
export async function markQuestionAnswered(shop: string, showId: string, messageId: string, now = new Date()): Promise<boolean> {
  const entry = await prisma.$transaction(async (tx) => {
    const question = await tx.chatMessage.findFirst({ where: { id: messageId, shop, showId, kind: "viewer", answered: false }, select: { pinned: true } });
    if (!question) return null;
    await tx.chatMessage.update({ where: { id: messageId }, data: { answered: true, pinned: false } });
    return { ...(await appendTimelineEvent(tx, shop, showId, QUESTION_ANSWERED, { messageId }, now)), wasPinned: question.pinned };
  });
  if (!entry) return false;
  try {
    await publishNumberedEvent({ showId, seq: entry.seq, type: "chat", data: { answered: [messageId], ...(entry.wasPinned && { pinned: null }) } });
  } catch (error) {
    log.warn(`[chat] ${shop} show ${showId}: viewers were not told question ${messageId} was answered (${(error as Error).message}); they catch up when they reconnect`);
  }
  return true;
}

export interface QuestionChapter {
  /** Seconds into the recording. */
  startTime: number;
  title: string;
  messageId: string;
}

/** The replay's Q&A chapters: each answered question still visible, at the moment it was answered. */
export async function readQuestionChapters(shop: string, showId: string): Promise<QuestionChapter[]> {
  const entries = await prisma.showEvent.findMany({ where: { shop, showId, type: QUESTION_ANSWERED }, orderBy: { seq: "asc" }, select: { payload: true, offsetMs: true } });
  const answered = entries.flatMap((entry) => {
    const { messageId } = JSON.parse(entry.payload) as { messageId?: unknown };
    return typeof messageId === "string" ? [{ messageId, offsetMs: entry.offsetMs }] : [];
  });
  const messages = await prisma.chatMessage.findMany({ where: { shop, showId, hidden: false, id: { in: answered.map((entry) => entry.messageId) } }, select: { id: true, body: true } });
  const bodies = new Map(messages.map((message) => [message.id, message.body]));
  return answered.flatMap(({ messageId, offsetMs }) => {
    const title = bodies.get(messageId);
    return title === undefined ? [] : [{ startTime: Math.floor((offsetMs ?? 0) / 1000), title, messageId }];
  });
}
