// The "Live show" block's chat: src/build.ts turns it into assets/live-chat.js, which the block's
// script (live-shows.ts) fetches only once a player is on the page, so the chat costs nothing up
// front. It reads each block's show (`liveShow`, kept current by the block's script) and listens to
// the block's own event stream (`liveStream`), so a viewer holds one connection, not two.
// Everything a viewer wrote is written with textContent (h() and append() of strings): never
// markup, whatever a message says. The script may run more than once (a player mounted again):
// a block whose chat has started is left alone.
import type { ShowBootstrap } from "../../../app/storefront/bootstrap-contract";
import type { ChatControls, ChatEventData, ChatMessageView, PurchaseProof } from "../../../app/chat/chat-event";
import { button, d, fill, h, json, strings, w, type Block } from "./shared";

type Words =
  | "chat" | "chat_messages" | "chat_message" | "chat_send" | "chat_question" | "chat_nickname" | "chat_count" | "chat_off" | "chat_slow"
  | "chat_replay" | "chat_assistant" | "chat_pinned" | "chat_answered" | "chat_asked" | "chat_hearts" | "chat_heart" | "chat_bought"
  | "chat_bought_in" | "chat_too_fast" | "chat_banned" | "chat_failed";

type History = ChatEventData & { messages: ChatMessageView[]; more?: boolean };

const MAX = 300;
/** Messages kept on screen: a busy show's chat is a window, not an archive. */
const KEEP = 100;
/** A replay asks for the chat a minute of video at a time, a minute ahead of the playhead. */
const STRETCH = 60000;
const NICKNAME = "liveShowsNickname";
/** The server refuses a message with a reason; these have words of their own, the rest its own words. */
const REFUSALS: Record<string, Words> = { rate_limited: "chat_too_fast", slow_mode: "chat_too_fast", chat_off: "chat_off", chat_closed: "chat_replay", banned: "chat_banned" };

function remembered(): string {
  try {
    return localStorage.getItem(NICKNAME) || "";
  } catch {
    return "";
  }
}

function remember(nickname: string) {
  try {
    localStorage.setItem(NICKNAME, nickname);
  } catch {
    // Storage off (private mode, a shopper's choice): the nickname lasts this page.
  }
}

const HEARD = ["chat", "status", "snapshot"];
/** Blocks on this page, for ids that stay unique with two blocks of the same show. */
let blocks = 0;

/**
 * Hears the block's event stream, and each one after it: the block's script opens a new stream
 * when it reconnects, and tells only by setting `liveStream`. (A hook that cost the block's
 * script, which has no bytes to spare, nothing but that assignment.)
 */
function listen(el: Block, heard: (type: string, event: unknown) => void) {
  let stream = el.liveStream;
  const follow = (source: EventSource | null | undefined) => {
    if (!source) return;
    HEARD.forEach((type) =>
      source.addEventListener(type, (event) => {
        if (source === stream) heard(type, JSON.parse((event as MessageEvent).data));
      }),
    );
  };
  follow(stream);
  Object.defineProperty(el, "liveStream", {
    configurable: true,
    get: () => stream,
    set: (next: EventSource | null) => {
      stream = next;
      follow(next);
    },
  });
}

function chat(el: Block & { chatting?: boolean }) {
  const box = el.querySelector(".live-shows__chat") as HTMLElement | null;
  if (!box || !el.liveShow || el.chatting) return;
  el.chatting = true;
  const s = strings(el) as Record<Words, string>;
  const data = el.dataset;
  const context = new URLSearchParams(data.context || "");
  const show = () => el.liveShow as ShowBootstrap;
  const b = show();
  // The show of the moment: a block showing "the current show" moves on to the next one.
  const url = () => (data.proxyPath || "/apps/live") + "/shows/" + encodeURIComponent(show().show.id);
  const token = () => new URL(show().realtime.url, location.href).searchParams.get("token") || "";
  const rows = new Map<string, HTMLElement>();
  let live = b.show.status === "live";
  let controls: ChatControls = { enabled: true, slowSeconds: 0 };

  // Taps are counted here and sent once a second: a burst of taps is one request.
  let taps = 0;
  const heart = button({ class: "btn btn--quiet chat-heart", "aria-label": s.chat_heart }, "♥", () => {
    if (!taps++) {
      w.setTimeout(() => {
        json(url() + "/hearts", { token: token(), taps: Math.min(taps, 50) }).catch(() => undefined);
        taps = 0;
      }, 1000);
    }
  });

  // Lines in a log, not a list: role="log" on a list would leave its items orphaned.
  const list = h("div", { class: "chat-log", role: "log", "aria-live": "polite", "aria-label": s.chat_messages, tabindex: 0 });
  const pin = h("div", "chat-pin");
  const hearts = h("span", "chat-hearts");
  // Polite and visible, but not a second status region: the block's announcer is the one.
  const proof = h("p", { class: "chat-proof", "aria-live": "polite" });
  const heading = h("div", "chat-bar", h("h2", "heading", s.chat), hearts, heart);
  const note = h("p", "chat-note");
  const problem = h("p", { class: "chat-problem", role: "alert" });

  /** A message as a line of the log: the author's name, the text, and what the host made of it. */
  function line(message: ChatMessageView): HTMLElement {
    const assistant = message.kind === "assistant";
    return h(
      "p",
      { class: "chat-line" + (assistant ? " chat-line--assistant" : ""), "data-message-id": message.id },
      h("b", null, (assistant ? s.chat_assistant : message.author) + ": "),
      message.body,
      message.question ? h("span", "chat-tag", s.chat_asked) : "",
    );
  }

  function add(messages: ChatMessageView[]) {
    messages.forEach((message) => {
      if (rows.has(message.id)) return;
      const row = line(message);
      rows.set(message.id, row);
      list.append(row);
    });
    while (rows.size > KEEP) {
      const [first] = rows;
      rows.delete(first![0]);
      first![1].remove();
    }
    list.scrollTop = list.scrollHeight;
  }

  function answered(id: string) {
    const row = rows.get(id);
    if (row && !row.classList.contains("is-answered")) {
      row.classList.add("is-answered");
      row.append(h("span", "chat-tag", s.chat_answered));
    }
  }

  function pinQuestion(message: ChatMessageView | null | undefined) {
    pin.hidden = !message;
    pin.replaceChildren();
    if (message) pin.append(h("p", "chat-tag", s.chat_pinned), line(message));
  }

  let proofTimer = 0;
  function showProof(items: PurchaseProof[]) {
    const last = items[items.length - 1];
    if (!last) return;
    proof.textContent = fill(last.city ? s.chat_bought_in : s.chat_bought, { title: last.productTitle, city: last.city || "" });
    clearTimeout(proofTimer);
    // A passing note, not a message: it goes by itself.
    proofTimer = w.setTimeout(() => (proof.textContent = ""), 6000);
  }

  function apply(event: ChatEventData) {
    if (event.messages) add(event.messages);
    (event.hidden || []).forEach((id) => {
      const row = rows.get(id);
      if (row) row.remove();
      rows.delete(id);
      if (pin.querySelector('[data-message-id="' + CSS.escape(id) + '"]')) pinQuestion(null);
    });
    (event.answered || []).forEach(answered);
    if (event.pinned !== undefined) pinQuestion(event.pinned);
    if (event.hearts !== undefined) hearts.textContent = fill(s.chat_hearts, { count: event.hearts });
    if (event.controls) controls = event.controls;
    if (event.proof) showProof(event.proof);
    compose();
  }

  // ---------------------------------------------------------------- the composer

  const customer = data.customerName || "";
  const nickname = h("input", { type: "text", maxlength: 24, autocomplete: "nickname", value: remembered() });
  const count = h("span", { class: "chat-count", id: "live-chat-count-" + ++blocks });
  const text = h("input", { type: "text", maxlength: MAX, autocomplete: "off", "aria-describedby": count.id });
  const question = h("input", { type: "checkbox" });
  const send = h("button", "btn", s.chat_send);
  const form = h(
    "form",
    {
      class: "chat-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        post();
      },
    },
    customer ? "" : h("label", "field", s.chat_nickname, nickname),
    h("label", "field chat-text", s.chat_message, text),
    count,
    h("label", "chat-ask", question, s.chat_question),
    send,
  );
  const counted = () => (count.textContent = fill(s.chat_count, { count: text.value.length, max: MAX }));
  text.oninput = counted;
  counted();
  let sending = false;

  function compose() {
    form.hidden = heart.hidden = !live;
    const off = live && !controls.enabled;
    text.disabled = send.disabled = off || sending;
    note.textContent = !live ? s.chat_replay : off ? s.chat_off : controls.slowSeconds ? fill(s.chat_slow, { seconds: controls.slowSeconds }) : "";
  }

  function post() {
    const name = customer || nickname.value.trim();
    if (!text.value.trim() || sending) return;
    if (!customer) remember(name);
    sending = true;
    problem.textContent = "";
    compose();
    json<{ message: ChatMessageView }>(url() + "/chat", {
      token: token(),
      body: text.value,
      nickname: name,
      question: question.checked,
      country: context.get("country") || undefined,
      locale: context.get("locale") || undefined,
    })
      .then((answer) => {
        add([answer.message]);
        text.value = "";
        question.checked = false;
        counted();
      })
      .catch((refusal?: { reason?: string; error?: string }) => {
        const words = refusal && refusal.reason && REFUSALS[refusal.reason];
        problem.textContent = words ? s[words] : (refusal && refusal.error) || s.chat_failed;
      })
      .then(() => {
        sending = false;
        compose();
        text.focus();
      });
  }

  // ---------------------------------------------------------------- live, or in step with a replay

  const latest = () =>
    json<History>(url() + "/chat?token=" + encodeURIComponent(token())).then((history) => {
      apply(history);
    });

  // A replay's chat: fetched a stretch at a time, shown up to the playhead, redrawn after a seek.
  const replayed: ChatMessageView[] = [];
  const asked = new Set<number>();
  /** The offset of the last message the log shows from the replay; anything but a replay's at first. */
  let until = Infinity;
  function fetchStretch(index: number) {
    if (asked.has(index)) return;
    asked.add(index);
    const page = (from: number): Promise<void> =>
      json<History>(url() + "/chat?from=" + from + "&to=" + (index + 1) * STRETCH + "&token=" + encodeURIComponent(token())).then((history) => {
        history.messages.forEach((message) => {
          if (!replayed.some((known) => known.id === message.id)) replayed.push(message);
        });
        replayed.sort((x, y) => (x.offsetMs || 0) - (y.offsetMs || 0));
        const last = history.messages[history.messages.length - 1];
        if (history.more && last) return page(last.offsetMs || from);
      });
    page(index * STRETCH).catch(() => asked.delete(index));
  }
  function replayTo(seconds: number) {
    const ms = seconds * 1000;
    const index = Math.floor(ms / STRETCH);
    fetchStretch(index);
    fetchStretch(index + 1);
    const upTo = replayed.filter((message) => (message.offsetMs || 0) <= ms);
    // Played on, the log only grows, so a screen reader hears what is new; sought back, it starts over.
    if (until > ms) {
      rows.clear();
      list.replaceChildren();
    }
    const last = upTo[upTo.length - 1];
    until = last ? last.offsetMs || 0 : 0;
    add(upTo.slice(-KEEP));
  }

  box.replaceChildren(heading, pin, list, proof, note, problem, form);
  box.hidden = false;
  pinQuestion(null);
  compose();
  listen(el, (type, event) => {
    if (type === "chat") apply(event as ChatEventData);
    // A stream that resumed after missing too much starts over from a snapshot: so does the chat.
    if (type === "snapshot" && live) latest().catch(() => undefined);
    if (type === "status") {
      live = (event as { status: string }).status === "live";
      compose();
    }
  });
  // mux-player tells its own element the time; a capturing listener on the block hears every player it mounts.
  el.addEventListener(
    "timeupdate",
    (event) => {
      if (show().show.status === "replay_ready") replayTo((event.target as HTMLMediaElement).currentTime);
    },
    true,
  );
  if (b.show.status !== "replay_ready") latest().catch(() => (problem.textContent = s.chat_failed));
}

[].forEach.call(d.querySelectorAll("[data-live-shows-block]"), chat);
