// A show's live chat over real HTTP against the built app and the sandbox: viewers post through
// the app proxy, signed as Shopify signs it; the rules (length, links, the shop's blocked words),
// the rate limits (per viewer, per address, slow mode) and the show's controls refuse with a
// reason and write nothing; what is stored reaches the show's viewers in one event per window.
// The control room's moderation (hide, pin, answer, slow mode, chat off) goes through the
// embedded admin as App Bridge sends it. The per-address test posts in this test process, which
// stands for another app instance: it shares the app's bus through Redis, as instances do in
// production. (On the default in-process bus its events would never leave this process.)
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { ChatEventData, ChatMessageView } from "~/chat/chat-event";
import { flushChatWindows } from "~/chat/chat-broadcast.server";
import { chatPostInput } from "~/chat/chat-input";
import { chatSettingsInput } from "~/chat/chat-settings";
import { updateChatSettings } from "~/chat/chat-settings.server";
import { postChatMessage } from "~/chat/post-message.server";
import type { ControlRoomChat } from "~/chat/control-room-chat.server";
import { readQuestionChapters } from "~/chat/questions.server";
import type { ChatHistory } from "~/chat/chat-history.server";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { numericIdOf } from "../sandbox/shopify/ids";
import { CUSTOMER_COOKIE } from "../sandbox/shopify/storefront/cookies";
import { createBus } from "~/realtime/bus.server";
import type { ProxyCaller } from "~/storefront/app-proxy.server";
import { chatClient, type ChatClient } from "../support/chat";
import { moderateChat, refusedWithoutWriting } from "../support/chat-requests";
import { chatWindows, type ChatWindows } from "../support/chat-windows";
import { shopData } from "../support/shop-data";
import { dataOf, openEventStream, type EventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

const REDIS_URL = "redis://127.0.0.1:6379";
let stack: Stack;
let shop: StorefrontShop;
let chat: ChatClient;
let windows: ChatWindows;
const streams: EventStream[] = [];

beforeAll(async () => {
  stack = await startStack({ env: { REDIS_URL } });
  globalThis.liveShowsBus = createBus(REDIS_URL);
  shop = await openStorefrontShop(stack);
  chat = chatClient(stack, shop.domain);
  windows = chatWindows(stack.appUrl, shop.domain, stack.shopify.url);
});

afterAll(async () => {
  windows?.close();
  for (const stream of streams) stream.close();
  await Promise.all([stack?.close(), globalThis.liveShowsBus?.close()]);
  globalThis.liveShowsBus = undefined;
});

async function liveShow(title: string): Promise<CreatedShow> {
  const show = await createShow(shop, { title, products: [shop.products.shirt, shop.products.scarf] });
  await stack.mux.connectEncoder(show.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  expect((await prisma.show.findFirstOrThrow({ where: { id: show.id, shop: shop.domain } })).status).toBe("live");
  await windows.follow(show.id);
  return show;
}

async function watch(showId: string): Promise<EventStream> {
  const stream = await openEventStream(`${stack.appUrl}/realtime/shows/${showId}?shop=${shop.domain}`, { origin: stack.shopify.url });
  streams.push(stream);
  expect((await stream.next()).event).toBe("snapshot");
  return stream;
}

/** The next chat event on the stream, skipping others. */
async function nextChat(stream: EventStream): Promise<{ seq: number; data: ChatEventData }> {
  for (;;) {
    const event = await stream.next(5_000);
    if (event.event === "chat") return { seq: Number(event.id), data: dataOf<ChatEventData>(event) };
  }
}

const guest = (showId: string, body: string, extra: Record<string, unknown> = {}) => ({ token: chat.viewerToken(showId), nickname: "Maja", body, ...extra });

/** A post the app took, once its message has gone out to the show's viewers. */
async function posted(showId: string, response: Response): Promise<{ message: ChatMessageView; linksRemoved: number }> {
  const text = await response.text();
  expect(response.status, text).toBe(201);
  const answer = JSON.parse(text) as { message: ChatMessageView; linksRemoved: number };
  await windows.sent(showId, [answer.message.id]);
  return answer;
}

async function controlRoom(showId: string): Promise<ControlRoomChat> {
  const response = await shop.admin.get(`/app/shows/${showId}/chat`);
  expect(response.status).toBe(200);
  return (await response.json()) as ControlRoomChat;
}

describe("posting to a live show's chat", () => {
  it("stores a guest's message under their nickname and tells every viewer, several messages in one event", async () => {
    const show = await liveShow("Chat: first words");
    const [first, second] = [await watch(show.id), await watch(show.id)];

    const sent = await Promise.all(["Hej!", "Love the shirt", "Is the scarf soft?"].map((body, index) => chat.post(show.id, guest(show.id, body, { nickname: `Viewer ${index}` }))));
    const messages = (await Promise.all(sent.map((response) => posted(show.id, response)))).map((answer) => answer.message);
    expect(messages.map((message) => [message.author, message.body, message.kind])).toEqual([
      ["Viewer 0", "Hej!", "viewer"],
      ["Viewer 1", "Love the shirt", "viewer"],
      ["Viewer 2", "Is the scarf soft?", "viewer"],
    ]);

    // Posted together, they reach each viewer as one numbered event, not three.
    for (const stream of [first, second]) {
      const event = await nextChat(stream);
      expect(event.data.messages?.map((message) => message.id).sort()).toEqual(messages.map((message) => message.id).sort());
    }
    const rows = await prisma.chatMessage.findMany({ where: { shop: shop.domain, showId: show.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.viewerId && row.customerId === null && row.offsetMs !== null && !row.hidden)).toBe(true);
  });

  it("takes links out of a message, and stores it as the text it is", async () => {
    const show = await liveShow("Chat: links");
    const answer = await posted(show.id, await chat.post(show.id, guest(show.id, "cheaper at https://knockoff.example/shirt or knockoff.shop <b>now</b>")));
    expect(answer).toMatchObject({ linksRemoved: 2, message: { body: "cheaper at or <b>now</b>" } });
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, "www.spam.biz")), 422, "only_links");
  });

  it("accepts 300 characters and refuses 301, and refuses an empty message, writing nothing", async () => {
    const show = await liveShow("Chat: lengths");
    expect((await posted(show.id, await chat.post(show.id, guest(show.id, "ä".repeat(300))))).message.body).toHaveLength(300);
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, "ä".repeat(301))), 422, "too_long");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, " \u200b ")), 422, "empty");
  });

  it("refuses a message or a nickname holding one of the shop's blocked words, and allows it once the word is off the list", async () => {
    const show = await liveShow("Chat: blocked words");
    await updateChatSettings(shop.domain, chatSettingsInput.parse({ blockedWords: "knockoff\nfree money", assistant: "on", socialProof: "on" }));
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, "Get FREE money here")), 422, "blocked_word");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, "k n o c k o f f")), 422, "blocked_word");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, "Nice!", { nickname: "Knockoff King" })), 422, "blocked_word");
    await updateChatSettings(shop.domain, chatSettingsInput.parse({ blockedWords: "free money", assistant: "on", socialProof: "on" }));
    await posted(show.id, await chat.post(show.id, guest(show.id, "Nice!", { nickname: "Knockoff King" })));
    await updateChatSettings(shop.domain, chatSettingsInput.parse({ assistant: "on", socialProof: "on" }));
  });

  it("refuses a bad request with its reason: no nickname for a guest, a field of the wrong type, a body that is not JSON, a bad viewer token", async () => {
    const show = await liveShow("Chat: bad requests");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token: chat.viewerToken(show.id), body: "hi" }), 422, "nickname_required");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token: chat.viewerToken(show.id), nickname: "Maja", body: ["hi"] }), 422, "invalid");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { nickname: "Maja", body: "hi" }), 422, "invalid");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token: chat.viewerToken("another-show"), nickname: "Maja", body: "hi" }), 401, "viewer_token");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token: "forged.token", nickname: "Maja", body: "hi" }), 401, "viewer_token");
    await refusedWithoutWriting(shop.domain, () => chat.post("no-such-show", guest("no-such-show", "hi")), 404, "unknown_show");
  });
});

describe("rate limits", () => {
  it("lets a viewer send five at once and then one per 2 s, answering 429 with Retry-After, while another viewer still posts", async () => {
    const show = await liveShow("Chat: per viewer");
    const token = chat.viewerToken(show.id);
    const address = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    for (let index = 0; index < 5; index += 1) await posted(show.id, await chat.post(show.id, { token, nickname: "Quick", body: `burst ${index}` }, { address }));
    const refused = await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token, nickname: "Quick", body: "one too many" }, { address }), 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(2);
    await posted(show.id, await chat.post(show.id, guest(show.id, "someone else"), { address }));
  });

  it("limits one address across viewers: twenty at once, then the next viewer there is refused while another address posts", async () => {
    const show = await liveShow("Chat: per address");
    // Posted in this process at one instant: the address's bucket refills a message every 250 ms,
    // which twenty HTTP round trips on a loaded machine can outlast. (The HTTP answer to a
    // refusal, 429 with Retry-After, is the per-viewer test's.)
    const now = new Date();
    const from = (address: string): ProxyCaller => ({ shop: shop.domain, customerId: null, address, proxyPath: "/apps/live" });
    const office = from(`192.0.2.${Math.floor(Math.random() * 200) + 20}`);
    const input = (body: string) => chatPostInput.parse(guest(show.id, body));
    for (let index = 0; index < 20; index += 1) expect(await postChatMessage(office, show.id, input(`from the office ${index}`), now)).toMatchObject({ posted: true });
    // Their window has gone out (numbering the show's event) before the comparison starts.
    await flushChatWindows();
    const before = await shopData([shop.domain]);
    expect(await postChatMessage(office, show.id, input("and me"), now)).toMatchObject({ posted: false, status: 429, reason: "rate_limited", retryAfterSeconds: 1 });
    expect(await shopData([shop.domain])).toEqual(before);
    expect(await postChatMessage(from("2001:db8::77"), show.id, input("from home"), now)).toMatchObject({ posted: true });
  });

  it("holds each viewer to slow mode when the host sets it, and lets them post again when it is off", async () => {
    const show = await liveShow("Chat: slow mode");
    const stream = await watch(show.id);
    expect(await moderateChat(shop.admin, show.id, { intent: "set_slow_mode", slowSeconds: "30" })).toEqual({ ok: true, message: "Slow mode is on: each viewer may post once every 30 seconds." });
    expect((await nextChat(stream)).data.controls).toEqual({ enabled: true, slowSeconds: 30 });
    const token = chat.viewerToken(show.id);
    await posted(show.id, await chat.post(show.id, { token, nickname: "Slow", body: "first" }));
    const refused = await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token, nickname: "Slow", body: "second" }), 429, "slow_mode");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(25);
    await moderateChat(shop.admin, show.id, { intent: "set_slow_mode", slowSeconds: "0" });
    // The first message's window went out before this change, in an event of its own.
    let controls: ChatEventData["controls"];
    while (!controls) controls = (await nextChat(stream)).data.controls;
    expect(controls).toEqual({ enabled: true, slowSeconds: 0 });
    await posted(show.id, await chat.post(show.id, { token, nickname: "Slow", body: "second" }));
  });
});

describe("when the chat is closed", () => {
  it("refuses messages while the host has the chat off, keeping its slow mode, and before the show is live", async () => {
    const show = await liveShow("Chat: off");
    const stream = await watch(show.id);
    await moderateChat(shop.admin, show.id, { intent: "set_slow_mode", slowSeconds: "5" });
    expect((await nextChat(stream)).data.controls).toEqual({ enabled: true, slowSeconds: 5 });
    expect(await moderateChat(shop.admin, show.id, { intent: "set_chat", chat: "off" })).toEqual({ ok: true, message: "The chat is off: viewers can read it but not post." });
    expect((await nextChat(stream)).data.controls).toEqual({ enabled: false, slowSeconds: 5 });
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, guest(show.id, "hello?")), 409, "chat_off");
    await moderateChat(shop.admin, show.id, { intent: "set_chat", chat: "on" });
    expect((await nextChat(stream)).data.controls).toEqual({ enabled: true, slowSeconds: 5 });
    await posted(show.id, await chat.post(show.id, guest(show.id, "hello again")));
    const upcoming = await createShow(shop, { title: "Chat: not yet", products: [shop.products.mug] });
    await refusedWithoutWriting(shop.domain, () => chat.post(upcoming.id, guest(upcoming.id, "early")), 409, "chat_closed");
  });
});

describe("a signed-in customer", () => {
  it("appears by the first name the storefront's block hands the player, under the customer id Shopify signed", async () => {
    const show = await liveShow("Chat: customers");
    const storefront = storefrontOf(stack.shopify.state);
    const customer = storefront.customers.signIn(shop.domain, `ingrid-${randomUUID().slice(0, 6)}@example.com`, "Ingrid", "Berg");
    const customerId = numericIdOf(customer.id);
    storefront.theme.configure(shop.domain, { home: [{ block: "live-show", settings: { show_id: show.id } }], product: [], embeds: {} });
    const page = await (await fetch(shop.storefront("/"), { headers: { cookie: `${CUSTOMER_COOKIE}=${customerId}` } })).text();
    const firstName = /data-customer-name="([^"]*)"/.exec(page)?.[1];
    expect(firstName).toBe("Ingrid");
    expect(await (await fetch(shop.storefront("/"))).text()).toContain('data-customer-name=""');

    const token = chat.viewerToken(show.id);
    expect((await posted(show.id, await chat.post(show.id, { token, nickname: firstName, body: "Hej från Malmö" }, { customerId }))).message.author).toBe("Ingrid");
    // The name is the player's word, as a guest's nickname is: held to the same rules.
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token, nickname: "Ingrid\u202eBerg-Lindqvist-Andersson", body: "Igen" }, { customerId }), 422, "nickname_too_long");
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, { token, body: "No name on my account" }, { customerId }), 422, "nickname_required");
    // Only the signed query names a customer: a guest claiming one in the body stays a guest.
    await posted(show.id, await chat.post(show.id, guest(show.id, "Me too", { customerId: customer.id, customer_id: customerId })));

    const rows = await prisma.chatMessage.findMany({ where: { shop: shop.domain, showId: show.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.authorName, row.customerId])).toEqual([
      ["Ingrid", customer.id],
      ["Maja", null],
    ]);
  });
});

describe("what the player reads and the control room does", () => {
  it("gives a viewer arriving the latest visible messages, hides a message for everyone, and pins and answers a question", async () => {
    const show = await liveShow("Chat: history and questions");
    const stream = await watch(show.id);
    const question = (await posted(show.id, await chat.post(show.id, guest(show.id, "Does the shirt run small?", { question: true })))).message;
    const rude = (await posted(show.id, await chat.post(show.id, guest(show.id, "boring")))).message;
    expect(question.question).toBe(true);
    // Both messages arrive first (in one window, or two when the machine is slow).
    const seen = new Set<string>();
    while (!seen.has(question.id) || !seen.has(rude.id)) for (const message of (await nextChat(stream)).data.messages ?? []) seen.add(message.id);

    expect(await moderateChat(shop.admin, show.id, { intent: "hide_message", messageId: rude.id })).toEqual({ ok: true, message: "The message is hidden from every viewer and from the replay." });
    expect((await nextChat(stream)).data.hidden).toEqual([rude.id]);
    const history = (await (await chat.history(show.id)).json()) as ChatHistory;
    expect(history.messages.map((message) => message.id)).toEqual([question.id]);

    // The control room's view: the question waits, the hidden message is gone, and the shirt is asked about.
    expect(await controlRoom(show.id)).toEqual({
      controls: { enabled: true, slowSeconds: 0 },
      pinned: null,
      questions: [question],
      latest: [question],
      products: [
        { productId: expect.any(String), title: "Linen Shirt", questions: 1, mentions: 1 },
        { productId: expect.any(String), title: "Wool Scarf", questions: 0, mentions: 0 },
      ],
    });
    // Pinned, taken down, and pinned again: each time every viewer is told.
    await moderateChat(shop.admin, show.id, { intent: "pin_message", messageId: question.id });
    expect((await nextChat(stream)).data.pinned).toMatchObject({ id: question.id, body: "Does the shirt run small?" });
    expect(((await (await chat.history(show.id)).json()) as ChatHistory).pinned?.id).toBe(question.id);
    expect(await moderateChat(shop.admin, show.id, { intent: "unpin_message" })).toEqual({ ok: true, message: "The pinned message is taken down." });
    expect((await nextChat(stream)).data).toEqual({ pinned: null });
    expect(((await (await chat.history(show.id)).json()) as ChatHistory).pinned).toBeNull();
    await moderateChat(shop.admin, show.id, { intent: "pin_message", messageId: question.id });
    expect((await nextChat(stream)).data.pinned).toMatchObject({ id: question.id });

    await moderateChat(shop.admin, show.id, { intent: "mark_answered", messageId: question.id });
    const answered = await nextChat(stream);
    expect(answered.data).toEqual({ answered: [question.id], pinned: null });
    const entry = await prisma.showEvent.findFirstOrThrow({ where: { shop: shop.domain, showId: show.id, type: "question_answered" } });
    expect(entry.seq).toBe(answered.seq);
    expect(JSON.parse(entry.payload)).toMatchObject({ messageId: question.id });
    expect(await readQuestionChapters(shop.domain, show.id)).toEqual([{ startTime: Math.floor((entry.offsetMs ?? 0) / 1000), title: "Does the shirt run small?", messageId: question.id }]);
    expect(await controlRoom(show.id)).toMatchObject({ pinned: null, questions: [], latest: [{ id: question.id }] });
  });

  it("gives a replay the messages between two offsets, in order, hidden ones left out", async () => {
    const show = await liveShow("Chat: replay");
    const ids: string[] = [];
    for (const body of ["one", "two", "three"]) ids.push((await posted(show.id, await chat.post(show.id, guest(show.id, body)))).message.id);
    await moderateChat(shop.admin, show.id, { intent: "hide_message", messageId: ids[1]! });
    const offsets = await prisma.chatMessage.findMany({ where: { shop: shop.domain, showId: show.id }, orderBy: { createdAt: "asc" }, select: { offsetMs: true } });
    const last = offsets.at(-1)?.offsetMs ?? 0;
    const all = (await (await chat.history(show.id, { from: "0", to: String(last + 1) })).json()) as ChatHistory;
    expect(all.messages.map((message) => message.body)).toEqual(["one", "three"]);
    const none = (await (await chat.history(show.id, { from: String(last + 1) })).json()) as ChatHistory;
    expect(none.messages).toEqual([]);
    const malformed = await chat.history(show.id, { from: "soon" });
    expect(malformed.status).toBe(400);
  });
});

describe("the control room's moderation refuses", () => {
  it("a form it cannot use with 400 and words, a message or show that is not there with 404, and changes nothing", async () => {
    const show = await liveShow("Chat: moderation refusals");
    const other = await liveShow("Chat: another show");
    const [watching, watchingOther] = [await watch(show.id), await watch(other.id)];
    const elsewhere = (await posted(other.id, await chat.post(other.id, guest(other.id, "Wrong room?", { question: true })))).message;
    const asked = (await posted(show.id, await chat.post(show.id, guest(show.id, "Is the mug dishwasher safe?", { question: true })))).message;
    // Once each message's window has gone out, nothing more is written unless a command writes it.
    expect((await nextChat(watchingOther)).data.messages?.map((message) => message.id)).toEqual([elsewhere.id]);
    expect((await nextChat(watching)).data.messages?.map((message) => message.id)).toEqual([asked.id]);
    await moderateChat(shop.admin, show.id, { intent: "mark_answered", messageId: asked.id });
    expect((await nextChat(watching)).data.answered).toEqual([asked.id]);

    const refusals: [Record<string, string>, number, string][] = [
      [{ intent: "delete_everything", messageId: asked.id }, 400, "intent: Choose what to do: hide_message, pin_message, unpin_message, mark_answered, ban_viewer, set_slow_mode or set_chat"],
      [{ intent: "hide_message" }, 400, "messageId: Choose a message first"],
      [{ intent: "set_slow_mode", slowSeconds: "7" }, 400, "slowSeconds: Choose one of 0, 5, 10, 30, 60, 120 seconds (0 turns slow mode off)"],
      [{ intent: "set_slow_mode", slowSeconds: "soon" }, 400, "slowSeconds: Choose how often each viewer may post"],
      [{ intent: "set_chat", chat: "maybe" }, 400, 'chat: Send chat as "on" or "off"'],
      [{ intent: "hide_message", messageId: elsewhere.id }, 404, "That message is not in this show's chat, or it is hidden already."],
      [{ intent: "pin_message", messageId: "no-such-message" }, 404, "That message is not in this show's chat, or it was hidden."],
      [{ intent: "mark_answered", messageId: asked.id }, 404, "That question is not in this show's chat, or it is answered already."],
    ];
    for (const [form, status, words] of refusals) {
      const before = await shopData([shop.domain]);
      const answer = await moderateChat(shop.admin, show.id, form, status);
      expect(answer, JSON.stringify(form)).toEqual({ error: words });
      expect(await shopData([shop.domain]), JSON.stringify(form)).toEqual(before);
    }
    const unknownShow: Record<string, string>[] = [{ intent: "set_chat", chat: "off" }, { intent: "unpin_message" }];
    expect((await shop.admin.get("/app/shows/no-such-show/chat")).status).toBe(404);
    for (const form of unknownShow) {
      const before = await shopData([shop.domain]);
      expect(await moderateChat(shop.admin, "no-such-show", form, 404)).toEqual({ error: "This show does not exist in your shop." });
      expect(await shopData([shop.domain])).toEqual(before);
    }
  });
});
