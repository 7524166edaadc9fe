import { describe, expect, it } from "vitest";
import type { ChatMessageView } from "~/chat/chat-event";
import type { ControlRoomChat } from "~/chat/control-room-chat.server";
import { countProductMentions, productMatcher } from "~/chat/insights";
import { applyChatEvent, applyChatLoad, EMPTY_CHAT, SHOWN_MESSAGES } from "./chat-card-state";

const lineup = [
  { productId: "shirt", title: "Linen Shirt" },
  { productId: "scarf", title: "Wool Scarf" },
];
const mentions = productMatcher(lineup);
const start = Date.now();

let next = 0;
function message(body: string, extra: Partial<ChatMessageView> = {}): ChatMessageView {
  next += 1;
  return { id: `m${next}`, kind: "viewer", author: "Maja", body, question: false, replyTo: null, at: new Date(start + next * 1000).toISOString(), offsetMs: null, ...extra };
}

function load(latest: ChatMessageView[], extra: Partial<ControlRoomChat> = {}): ControlRoomChat {
  return {
    controls: { enabled: true, slowSeconds: 0 },
    pinned: null,
    questions: latest.filter((item) => item.question),
    latest,
    products: countProductMentions(lineup, latest),
    ...extra,
  };
}

const counts = (state: typeof EMPTY_CHAT) => Object.fromEntries(state.products.map((product) => [product.productId, [product.questions, product.mentions]]));

describe("the chat card's state", () => {
  it("adds the stream's messages once, queues questions oldest first, and counts mentions of new viewer messages", () => {
    const first = message("shirt in M?", { question: true });
    let state = applyChatLoad(EMPTY_CHAT, load([first]), mentions);
    expect(counts(state)).toEqual({ shirt: [1, 1], scarf: [0, 0] });

    const second = message("is the scarf itchy?", { question: true });
    const answer = message("The Linen Shirt comes in M.", { kind: "assistant", replyTo: first.id });
    state = applyChatEvent(state, { messages: [second, answer] }, mentions);
    state = applyChatEvent(state, { messages: [second] }, mentions);
    expect(state.latest.map((item) => item.id)).toEqual([first.id, second.id, answer.id]);
    expect(state.questions.map((item) => item.id)).toEqual([first.id, second.id]);
    // The assistant's answer names the shirt, but only viewers' words count.
    expect(counts(state)).toEqual({ shirt: [1, 1], scarf: [1, 1] });
  });

  it("hides a message everywhere and takes it out of the counts; answering takes a question off the queue and the pin", () => {
    const question = message("scarf colours?", { question: true });
    const spam = message("SCARF SCARF SCARF");
    let state = applyChatLoad(EMPTY_CHAT, load([question, spam]), mentions);
    state = applyChatEvent(state, { pinned: question }, mentions);
    state = applyChatEvent(state, { hidden: [spam.id] }, mentions);
    state = applyChatEvent(state, { hidden: [spam.id] }, mentions);
    expect(state.latest.map((item) => item.id)).toEqual([question.id]);
    expect(counts(state)).toEqual({ shirt: [0, 0], scarf: [1, 1] });

    state = applyChatEvent(state, { answered: [question.id], pinned: null }, mentions);
    expect(state.pinned).toBeNull();
    expect(state.questions).toEqual([]);
    // A message that is still in the chat stays in it, answered.
    expect(state.latest.map((item) => item.id)).toEqual([question.id]);
    expect(state.answered.has(question.id)).toBe(true);
  });

  it("keeps what the stream said while a load was on its way", () => {
    const old = message("hello");
    const hiddenMeanwhile = message("linen shirt is ugly");
    let state = applyChatLoad(EMPTY_CHAT, load([old]), mentions);
    const posted = message("shirt sizes?", { question: true });
    state = applyChatEvent(state, { messages: [hiddenMeanwhile, posted] }, mentions);
    state = applyChatEvent(state, { hidden: [hiddenMeanwhile.id], controls: { enabled: false, slowSeconds: 10 } }, mentions);
    // The load read the chat before the question came and before the hide, and answers now.
    state = applyChatLoad(state, load([old, hiddenMeanwhile], { pinned: hiddenMeanwhile, controls: { enabled: false, slowSeconds: 10 } }), mentions);
    expect(state.latest.map((item) => item.id)).toEqual([old.id, posted.id]);
    expect(state.questions.map((item) => item.id)).toEqual([posted.id]);
    expect(state.pinned).toBeNull();
    expect(counts(state)).toEqual({ shirt: [1, 1], scarf: [0, 0] });
    expect(state.controls).toEqual({ enabled: false, slowSeconds: 10 });
  });

  it("shows the latest messages only", () => {
    const many = Array.from({ length: SHOWN_MESSAGES + 5 }, (_, index) => message(`message ${index}`));
    const state = applyChatEvent(applyChatLoad(EMPTY_CHAT, load([]), mentions), { messages: many }, mentions);
    expect(state.latest).toHaveLength(SHOWN_MESSAGES);
    expect(state.latest.at(-1)?.body).toBe(`message ${SHOWN_MESSAGES + 4}`);
  });
});
