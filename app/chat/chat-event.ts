// What a show's viewers are told of its chat, in the data of a numbered "chat" event on the
// show's channel (realtime/events.ts carries it as it is). One event holds everything that
// happened in one short window (chat-broadcast.server.ts), so a busy chat is a few frames a
// second to every viewer, never one per message. Every field is optional: a field that is not
// there did not change.

/** A message as the player shows it; `author` and `body` are text, to be written as text. */
export interface ChatMessageView {
  id: string;
  kind: "viewer" | "assistant";
  /** A customer's first name or a guest's nickname; empty for the assistant (the player labels it). */
  author: string;
  body: string;
  question: boolean;
  /** The message an assistant's answer replies to. */
  replyTo: string | null;
  at: string;
  /** Into the stream, for the replay; null before the show went live. */
  offsetMs: number | null;
}

export interface ChatControls {
  enabled: boolean;
  slowSeconds: number;
}

export interface ChatEventData {
  messages?: ChatMessageView[];
  /** Ids of messages the host hid: gone for every viewer. */
  hidden?: string[];
  /** The question pinned above the chat; null when the pin was taken down. */
  pinned?: ChatMessageView | null;
  /** Ids of questions the host answered. */
  answered?: string[];
  controls?: ChatControls;
  /** Hearts tapped during the show so far. */
  hearts?: number;
  /** Social proof: lineup products just bought, with the buyer's city at most (social-proof.ts). */
  proof?: PurchaseProof[];
}

export interface PurchaseProof {
  productTitle: string;
  /** Only when the merchant allows naming the buyer's city; never a name or an address. */
  city: string | null;
}

interface StoredMessage {
  id: string;
  kind: string;
  authorName: string;
  body: string;
  question: boolean;
  replyToId: string | null;
  createdAt: Date;
  offsetMs: number | null;
}

export function chatMessageView(message: StoredMessage): ChatMessageView {
  return {
    id: message.id,
    kind: message.kind === "assistant" ? "assistant" : "viewer",
    author: message.authorName,
    body: message.body,
    question: message.question,
    replyTo: message.replyToId,
    at: message.createdAt.toISOString(),
    offsetMs: message.offsetMs,
  };
}

/** The fields chatMessageView reads, for a Prisma select. */
export const MESSAGE_VIEW_FIELDS = { id: true, kind: true, authorName: true, body: true, question: true, replyToId: true, createdAt: true, offsetMs: true } as const;

/** Several windows' worth of changes as one event: messages and ids in order, the latest pin, controls and count. */
export function mergeChatEvents(parts: readonly ChatEventData[]): ChatEventData {
  const merged: ChatEventData = {};
  for (const part of parts) {
    if (part.messages?.length) merged.messages = [...(merged.messages ?? []), ...part.messages];
    if (part.hidden?.length) merged.hidden = [...(merged.hidden ?? []), ...part.hidden];
    if (part.answered?.length) merged.answered = [...(merged.answered ?? []), ...part.answered];
    if (part.pinned !== undefined) merged.pinned = part.pinned;
    if (part.controls) merged.controls = part.controls;
    if (part.hearts !== undefined) merged.hearts = Math.max(merged.hearts ?? 0, part.hearts);
    if (part.proof?.length) merged.proof = [...(merged.proof ?? []), ...part.proof];
  }
  // A message hidden in the same window it was posted is never shown at all.
  if (merged.hidden && merged.messages) {
    const hidden = new Set(merged.hidden);
    merged.messages = merged.messages.filter((message) => !hidden.has(message.id));
    if (!merged.messages.length) delete merged.messages;
  }
  return merged;
}
