// The control room's chat as the chat card holds it: what /app/shows/:id/chat loaded, then every
// "chat" event of the show's stream (and the card's own commands, told the same way). A load and
// the stream overlap: the load may answer after events it does not hold, or hold messages the
// stream then hides. So hidden and answered ids are remembered and win over any load, and
// messages the stream brought after what the load read are kept. "Most asked" starts from the
// load's counts over the whole show and counts each new viewer message once.
import type { ChatControls, ChatEventData, ChatMessageView } from "~/chat/chat-event";
import type { ControlRoomChat } from "~/chat/control-room-chat.server";
import { tallyMessage, type ProductChatCount } from "~/chat/insights";

/** As many as the server sends with a load (chat-history.server.ts RECENT_MESSAGES). */
export const SHOWN_MESSAGES = 50;

export interface ChatCardState {
  /** Null until the first load. */
  controls: ChatControls | null;
  pinned: ChatMessageView | null;
  /** Questions waiting, oldest first. */
  questions: ChatMessageView[];
  /** Oldest first. */
  latest: ChatMessageView[];
  products: ProductChatCount[];
  hidden: ReadonlySet<string>;
  answered: ReadonlySet<string>;
}

export const EMPTY_CHAT: ChatCardState = { controls: null, pinned: null, questions: [], latest: [], products: [], hidden: new Set(), answered: new Set() };

/** The lineup products a message's text mentions (insights.ts productMatcher). */
export type Mentions = (body: string) => string[];

const counted = (message: ChatMessageView) => message.kind === "viewer";
const byTime = (a: ChatMessageView, b: ChatMessageView) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

export function applyChatLoad(state: ChatCardState, load: ControlRoomChat, mentions: Mentions): ChatCardState {
  const visible = (message: ChatMessageView) => !state.hidden.has(message.id);
  const loadedIds = new Set(load.latest.map((message) => message.id));
  const newestLoaded = load.latest.at(-1)?.at ?? "";
  // What the stream brought after the load read the chat: the load's counts do not hold it yet.
  const since = state.latest.filter((message) => !loadedIds.has(message.id) && message.at >= newestLoaded && visible(message));
  let products = load.products;
  for (const message of since) if (counted(message)) products = tallyMessage(products, mentions(message.body), message.question, 1);
  // Hidden while the load was on its way: the load still counted it.
  for (const message of load.latest) if (!visible(message) && counted(message)) products = tallyMessage(products, mentions(message.body), message.question, -1);
  const waiting = (message: ChatMessageView) => message.question && visible(message) && !state.answered.has(message.id);
  const questionIds = new Set(load.questions.map((message) => message.id));
  const pinned = load.pinned && visible(load.pinned) && !state.answered.has(load.pinned.id) ? load.pinned : null;
  return {
    ...state,
    controls: load.controls,
    pinned,
    questions: [...load.questions.filter(waiting), ...since.filter((message) => waiting(message) && !questionIds.has(message.id))],
    latest: [...load.latest.filter(visible), ...since].slice(-SHOWN_MESSAGES),
    products,
  };
}

export function applyChatEvent(state: ChatCardState, event: ChatEventData, mentions: Mentions): ChatCardState {
  let next = { ...state };
  if (event.messages?.length) {
    const known = new Set(state.latest.map((message) => message.id));
    const fresh = event.messages.filter((message) => !known.has(message.id) && !state.hidden.has(message.id));
    for (const message of fresh) if (counted(message)) next.products = tallyMessage(next.products, mentions(message.body), message.question, 1);
    next.latest = [...state.latest, ...fresh].sort(byTime).slice(-SHOWN_MESSAGES);
    const queued = new Set(state.questions.map((message) => message.id));
    next.questions = [...state.questions, ...fresh.filter((message) => message.question && !queued.has(message.id) && !state.answered.has(message.id))];
  }
  if (event.hidden?.length) {
    const hidden = new Set([...state.hidden, ...event.hidden]);
    for (const message of next.latest) if (hidden.has(message.id) && !state.hidden.has(message.id) && counted(message)) next.products = tallyMessage(next.products, mentions(message.body), message.question, -1);
    next = { ...next, hidden, latest: next.latest.filter((message) => !hidden.has(message.id)), questions: next.questions.filter((message) => !hidden.has(message.id)) };
    if (next.pinned && hidden.has(next.pinned.id)) next.pinned = null;
  }
  if (event.answered?.length) {
    const answered = new Set([...state.answered, ...event.answered]);
    next = { ...next, answered, questions: next.questions.filter((message) => !answered.has(message.id)) };
    if (next.pinned && answered.has(next.pinned.id)) next.pinned = null;
  }
  if (event.pinned !== undefined) next.pinned = event.pinned && !next.hidden.has(event.pinned.id) ? event.pinned : null;
  if (event.controls) next.controls = event.controls;
  return next;
}
