// The chat as a viewer arriving finds it: the latest messages, the pinned question, the chat's
// controls and the hearts so far (a live show); or the messages between two offsets into the
// stream (a replay, which asks for the next stretch as its playhead moves). Hidden messages are
// never among them.
import prisma from "~/db.server";
import { chatMessageView, MESSAGE_VIEW_FIELDS, type ChatControls, type ChatMessageView } from "./chat-event";
import { chatViewerOf } from "./chat-viewer.server";

export const RECENT_MESSAGES = 50;
export const REPLAY_PAGE = 500;

const READABLE_STATUSES = ["live", "ended", "replay_ready"];

export interface ChatHistory {
  messages: ChatMessageView[];
  pinned: ChatMessageView | null;
  controls: ChatControls;
  hearts: number;
  /** A replay page that stopped at REPLAY_PAGE: ask again from the last message's offset. */
  more: boolean;
}

export type ChatHistoryAnswer = { found: true; history: ChatHistory } | { found: false; status: 401 | 404; reason: "unknown_show" | "viewer_token"; error: string };

export interface ChatHistoryRequest {
  /** Offsets into the stream (ms); neither: the latest messages. */
  from?: number;
  to?: number;
  /** The viewer token: a rehearsal's chat is only for those its preview link let in. */
  token: string | null;
}

export async function readChatHistory(shop: string, showId: string, request: ChatHistoryRequest, now = new Date()): Promise<ChatHistoryAnswer> {
  const show = await prisma.show.findFirst({
    where: { id: showId, shop, status: { in: READABLE_STATUSES } },
    select: { mode: true, chatEnabled: true, chatSlowSeconds: true, hearts: true },
  });
  if (!show) return { found: false, status: 404, reason: "unknown_show", error: `${shop} has no show ${showId} with a chat to read` };
  if (show.mode !== "public" && !(request.token && chatViewerOf(request.token, showId, now))) {
    return { found: false, status: 401, reason: "viewer_token", error: "This show's chat needs the viewer token its preview link gave: load the show again" };
  }
  const visible = { shop, showId, hidden: false };
  const replay = request.from !== undefined || request.to !== undefined;
  const [rows, pinned] = await Promise.all([
    replay
      ? prisma.chatMessage.findMany({
          where: { ...visible, offsetMs: { gte: request.from ?? 0, ...(request.to !== undefined && { lt: request.to }) } },
          orderBy: [{ offsetMs: "asc" }, { id: "asc" }],
          take: REPLAY_PAGE + 1,
          select: MESSAGE_VIEW_FIELDS,
        })
      : prisma.chatMessage.findMany({ where: visible, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECENT_MESSAGES, select: MESSAGE_VIEW_FIELDS }),
    prisma.chatMessage.findFirst({ where: { ...visible, pinned: true }, select: MESSAGE_VIEW_FIELDS }),
  ]);
  const page = replay ? rows.slice(0, REPLAY_PAGE) : rows.reverse();
  return {
    found: true,
    history: {
      messages: page.map(chatMessageView),
      pinned: pinned ? chatMessageView(pinned) : null,
      controls: { enabled: show.chatEnabled, slowSeconds: show.chatSlowSeconds },
      hearts: show.hearts,
      more: replay && rows.length > REPLAY_PAGE,
    },
  };
}
