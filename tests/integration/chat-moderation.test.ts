// Bans, hearts, social proof, the Settings page's chat section, redaction on air and the host's
// moderation from the creator portal, over real HTTP against the built app and the sandbox:
// viewers post and tap through the app proxy, signed as Shopify signs it; orders/paid and
// customers/redact arrive signed as Shopify sends them; every open viewer page is an SSE stream.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { ChatEventData, ChatMessageView } from "~/chat/chat-event";
import { getChatSettings } from "~/chat/chat-settings.server";
import { sandboxShopify } from "../sandbox/config";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { numericIdOf } from "../sandbox/shopify/ids";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { chatClient, type ChatClient } from "../support/chat";
import { inviteThroughAdmin, signInLinkFor } from "../support/creator-payouts";
import { orderPaidBody, shopifyTime } from "../support/order-payloads";
import { portalClient, type PortalClient } from "../support/portal-client";
import { moderateChat, refusedWithoutWriting } from "../support/chat-requests";
import { chatWindows, type ChatWindows } from "../support/chat-windows";
import { shopData } from "../support/shop-data";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { dataOf, openEventStream, type EventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;
let chat: ChatClient;
let windows: ChatWindows;
const streams: EventStream[] = [];

beforeAll(async () => {
  stack = await startStack();
  shop = await openStorefrontShop(stack);
  chat = chatClient(stack, shop.domain);
  windows = chatWindows(stack.appUrl, shop.domain, stack.shopify.url);
});

afterAll(async () => {
  windows?.close();
  for (const stream of streams) stream.close();
  await stack?.close();
});

async function liveShow(title: string, target = shop): Promise<CreatedShow> {
  const show = await createShow(target, { title, products: [target.products.shirt, target.products.scarf] });
  await stack.mux.connectEncoder(show.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  expect((await prisma.show.findFirstOrThrow({ where: { id: show.id, shop: target.domain } })).status).toBe("live");
  if (target === shop) await windows.follow(show.id);
  return show;
}

async function watch(showId: string, target = shop): Promise<EventStream> {
  const stream = await openEventStream(`${stack.appUrl}/realtime/shows/${showId}?shop=${target.domain}`, { origin: stack.shopify.url });
  streams.push(stream);
  expect((await stream.next()).event).toBe("snapshot");
  return stream;
}

async function nextChat(stream: EventStream): Promise<ChatEventData> {
  for (;;) {
    const event = await stream.next(5_000);
    if (event.event === "chat") return dataOf<ChatEventData>(event);
  }
}

/** Chat events until every one of `ids` has arrived as a message. */
async function messagesArrive(stream: EventStream, ids: string[]) {
  const seen = new Set<string>();
  while (!ids.every((id) => seen.has(id))) for (const message of (await nextChat(stream)).messages ?? []) seen.add(message.id);
}

/** A post the app took, once its message has gone out to the show's viewers. */
async function posted(showId: string, response: Response): Promise<ChatMessageView> {
  const text = await response.text();
  expect(response.status, text).toBe(201);
  const { message } = JSON.parse(text) as { message: ChatMessageView };
  await windows.sent(showId, [message.id]);
  return message;
}

const say = (token: string, body: string, nickname = "Maja") => ({ token, nickname, body });

describe("banning a viewer", () => {
  it("from this show: their messages vanish for every viewer, their next post is refused with 403 and writes nothing, and other shows still take it", async () => {
    const [show, other] = [await liveShow("Bans: this show"), await liveShow("Bans: another show")];
    const stream = await watch(show.id);
    const troll = randomUUID();
    const token = chat.viewerToken(show.id, troll);
    const first = await posted(show.id, await chat.post(show.id, say(token, "first!!!", "Troll")));
    const second = await posted(show.id, await chat.post(show.id, say(token, "boring", "Troll")));
    const kind = await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "Lovely scarf")));
    await messagesArrive(stream, [first.id, second.id, kind.id]);

    expect(await moderateChat(shop.admin, show.id, { intent: "ban_viewer", messageId: second.id, scope: "show" })).toEqual({
      ok: true,
      message: "The viewer is banned from this show's chat; 2 of their messages are now hidden from every viewer.",
    });
    expect((await nextChat(stream)).hidden?.sort()).toEqual([first.id, second.id].sort());
    expect(await prisma.chatBan.findMany({ where: { shop: shop.domain }, select: { showId: true, customerId: true, viewerId: true, messageId: true, bannedBy: true } })).toEqual([
      { showId: show.id, customerId: null, viewerId: troll, messageId: second.id, bannedBy: "merchant" },
    ]);

    const refused = await refusedWithoutWriting(shop.domain, () => chat.post(show.id, say(token, "let me back in", "Troll")), 403, "banned");
    expect(refused.headers.get("retry-after")).toBeNull();
    await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "Still here")));
    await posted(other.id, await chat.post(other.id, say(chat.viewerToken(other.id, troll), "Hello other show", "Troll")));
    const visible = await prisma.chatMessage.findMany({ where: { shop: shop.domain, showId: show.id, hidden: false }, select: { id: true } });
    expect(visible.map((message) => message.id)).not.toContain(first.id);
  });

  it("from every show of the shop: a signed-in customer stays banned in another show and another browser, while guests post", async () => {
    const [show, later] = [await liveShow("Bans: the shop"), await liveShow("Bans: a later show")];
    const customer = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, `nils-${randomUUID().slice(0, 6)}@example.com`, "Nils", "Ek");
    const customerId = numericIdOf(customer.id);
    const rude = await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "rude words", "Nils"), { customerId }));
    expect(await moderateChat(shop.admin, show.id, { intent: "ban_viewer", messageId: rude.id, scope: "shop" })).toMatchObject({ ok: true, message: expect.stringContaining("every show of your shop") });
    const ban = await prisma.chatBan.findFirstOrThrow({ where: { shop: shop.domain, messageId: rude.id } });
    expect(ban).toMatchObject({ showId: null, customerId: customer.id });

    await refusedWithoutWriting(shop.domain, () => chat.post(later.id, say(chat.viewerToken(later.id), "I'm back", "Nils"), { customerId }), 403, "banned");
    await posted(later.id, await chat.post(later.id, say(chat.viewerToken(later.id), "A guest says hi")));
  });

  it("refuses a ban it cannot give with words: a message not in the show (404), a scope it does not know (400), writing nothing", async () => {
    const [show, other] = [await liveShow("Bans: refusals"), await liveShow("Bans: elsewhere")];
    const elsewhere = await posted(other.id, await chat.post(other.id, say(chat.viewerToken(other.id), "Hi from the other room")));
    const here = await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "Hi")));
    const refusals: [Record<string, string>, number, string][] = [
      [{ intent: "ban_viewer", messageId: elsewhere.id, scope: "show" }, 404, "That message is not a viewer's message in this show's chat."],
      [{ intent: "ban_viewer", messageId: here.id, scope: "everywhere" }, 400, 'scope: Ban from "show" (this show\'s chat) or "shop" (every show of the shop)'],
      [{ intent: "ban_viewer", scope: "show" }, 400, "messageId: Choose a message first"],
    ];
    for (const [form, status, words] of refusals) {
      const before = await shopData([shop.domain]);
      expect(await moderateChat(shop.admin, show.id, form, status)).toEqual({ error: words });
      expect(await shopData([shop.domain])).toEqual(before);
    }
  });
});

/** Hearts as the player sends them, through the app proxy. */
function sendHearts(showId: string, body: unknown, target = shop.domain): Promise<Response> {
  const query = signProxyQuery(new URLSearchParams(), { shop: target, customerId: "", pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret });
  return fetch(`${stack.appUrl}/proxy/shows/${showId}/hearts?${query}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } });
}

/** Chat events until one tells `total` hearts: those that told hearts, with when each arrived. */
async function heartsUntil(stream: EventStream, total: number): Promise<{ hearts: number; at: number }[]> {
  const told: { hearts: number; at: number }[] = [];
  while (told.at(-1)?.hearts !== total) {
    const { hearts } = await nextChat(stream);
    if (hearts !== undefined) told.push({ hearts, at: Date.now() });
  }
  return told;
}

describe("hearts", () => {
  it("counts 100 taps sent within a second on the server, and tells the viewers one total at most once a second", async () => {
    const show = await liveShow("Hearts: a burst");
    const stream = await watch(show.id);
    // Twenty viewers, each sending five taps at once: 100 taps, 20 requests, well within a second.
    const answers = await Promise.all(Array.from({ length: 20 }, () => sendHearts(show.id, { token: chat.viewerToken(show.id), taps: 5 })));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 202));

    const told = await heartsUntil(stream, 100);
    expect(told.length).toBeLessThanOrEqual(2);
    if (told.length === 2) expect(told[1]!.at - told[0]!.at).toBeGreaterThanOrEqual(750);
    expect(await prisma.show.findFirstOrThrow({ where: { id: show.id, shop: shop.domain }, select: { hearts: true, heartsTold: true } })).toEqual({ hearts: 100, heartsTold: 100 });
  });

  it("refuses bad input with 4xx and a reason, and counts none of it", async () => {
    const show = await liveShow("Hearts: refusals");
    const scheduled = await createShow(shop, { title: "Hearts: not yet live", products: [shop.products.mug] });
    const stream = await watch(show.id);
    const token = chat.viewerToken(show.id);
    const refusals: [unknown, number, string, string?][] = [
      ['{"taps": 3', 400, "malformed"],
      [{ token, taps: 0 }, 422, "invalid", "taps: Send at least one tap"],
      [{ token, taps: 51 }, 422, "invalid", "taps: Send at most 50 taps at once; send the rest in the next request"],
      [{ token, taps: 1.5 }, 422, "invalid"],
      [{ token, taps: "5" }, 422, "invalid"],
      [{ taps: 5 }, 422, "invalid"],
      [{ token: chat.viewerToken(scheduled.id), taps: 5 }, 401, "viewer_token"],
    ];
    for (const [body, status, reason, error] of refusals) {
      const response = await sendHearts(show.id, body);
      const answer = (await response.json()) as { error: string; reason: string };
      expect([response.status, answer.reason], JSON.stringify(body)).toEqual([status, reason]);
      if (error) expect(answer.error).toBe(error);
    }
    expect((await sendHearts(scheduled.id, { token: chat.viewerToken(scheduled.id), taps: 5 })).status).toBe(409);
    expect((await sendHearts("no-such-show", { token, taps: 5 })).status).toBe(404);

    // One viewer sends three times at once, then too often.
    const hasty = chat.viewerToken(show.id);
    for (let send = 0; send < 3; send += 1) expect((await sendHearts(show.id, { token: hasty, taps: 1 })).status).toBe(202);
    const tooOften = await sendHearts(show.id, { token: hasty, taps: 1 });
    expect(tooOften.status).toBe(429);
    expect(Number(tooOften.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    expect((await heartsUntil(stream, 3)).every((event) => event.hearts <= 3)).toBe(true);
    expect(await prisma.show.findMany({ where: { id: { in: [show.id, scheduled.id] }, shop: shop.domain }, select: { hearts: true }, orderBy: { hearts: "asc" } })).toEqual([{ hearts: 0 }, { hearts: 3 }]);
  });
});

describe("social proof", () => {
  /** orders/paid for one shirt the show sold, shipping to Malmö, with the buyer's name and email as Shopify sends them. */
  async function orderShirt(showId: string) {
    const { wentLiveAt } = await prisma.show.findFirstOrThrow({ where: { id: showId, shop: shop.domain } });
    const createdAt = new Date(Math.max(Date.now(), (wentLiveAt?.getTime() ?? 0) + 1_000));
    const address = { first_name: "Ingrid", last_name: "Berg", address1: "Storgatan 1", city: "Malmö", zip: "211 22", country: "Sweden", phone: "+46 70 123 45 67" };
    const body = {
      ...orderPaidBody({ createdAt: shopifyTime(createdAt), currency: "SEK", lines: [{ productNumber: Number(numericIdOf(shop.products.shirt.id)), price: "499.00", showId }] }),
      email: "ingrid.berg@example.com",
      customer: { first_name: "Ingrid", last_name: "Berg", email: "ingrid.berg@example.com" },
      shipping_address: address,
      billing_address: { ...address, city: "Lund" },
    };
    const response = await sendShopifyWebhook(stack.appUrl, { topic: "orders/paid", shop: shop.domain, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBe(200);
  }

  it("tells the show's viewers what was just bought, naming the city only when the shop allows it, never the buyer", async () => {
    const show = await liveShow("Social proof");
    const stream = await watch(show.id);

    await orderShirt(show.id);
    const plain = await nextChat(stream);
    expect(plain).toEqual({ proof: [{ productTitle: "Linen Shirt", city: null }] });

    expect((await shop.admin.post("/app/settings", { intent: "chat", blockedWords: "", assistant: "on", socialProof: "on", buyerCity: "on", shippingText: "" })).status).toBe(200);
    await orderShirt(show.id);
    const named = await nextChat(stream);
    expect(named).toEqual({ proof: [{ productTitle: "Linen Shirt", city: "Malmö" }] });
    expect(JSON.stringify(named)).not.toMatch(/Ingrid|Berg|Storgatan|example\.com|211 22|\+46/);

    // Turned off: the next order tells nothing, and the next chat event holds the next message alone.
    expect((await shop.admin.post("/app/settings", { intent: "chat", blockedWords: "", assistant: "on", buyerCity: "on", shippingText: "" })).status).toBe(200);
    await orderShirt(show.id);
    const after = await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "Sold out soon?")));
    const next = await nextChat(stream);
    expect(next.proof).toBeUndefined();
    expect(next.messages?.map((message) => message.id)).toEqual([after.id]);
    expect(await prisma.showSale.count({ where: { shop: shop.domain, showId: show.id } })).toBe(3);
  });
});

describe("the Settings page's chat section", () => {
  it("shows the chat settings, saves them, and refuses what it cannot use with 400 and words, saving nothing", async () => {
    const target = await openStorefrontShop(stack);
    const page = await (await target.admin.get("/app/settings")).text();
    for (const words of ["Blocked words", "Assistant answers routine questions", "Shipping text", "Tell viewers when someone buys during the show", "Name the buyer’s city"]) expect(page).toContain(words);

    const saved = await target.admin.post("/app/settings", { intent: "chat", blockedWords: "Spam\nscam*, spam", assistant: "on", shippingText: "  Free shipping over 500 kr.  ", socialProof: "on" });
    expect(saved.status).toBe(200);
    expect(await getChatSettings(target.domain)).toEqual({ blockedWords: ["spam", "scam*"], assistant: true, socialProof: true, buyerCity: false, shippingText: "Free shipping over 500 kr." });
    const { commissionHoldDays } = await prisma.shop.findUniqueOrThrow({ where: { domain: target.domain } });
    expect(commissionHoldDays).toBe(14);

    const refusals: [Record<string, string>, string][] = [
      [{ shippingText: "x".repeat(501) }, "Keep the shipping text to 500 characters"],
      [{ blockedWords: "y".repeat(61) }, "Keep each blocked word or phrase to 60 characters"],
    ];
    for (const [fields, words] of refusals) {
      const before = await shopData([target.domain]);
      const response = await target.admin.post("/app/settings", { intent: "chat", blockedWords: "", shippingText: "", ...fields });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(words);
      expect(await shopData([target.domain])).toEqual(before);
    }
  });
});

describe("customers/redact while the show is on air", () => {
  it("takes the customer's messages off every open viewer page, the pinned one too, and leaves everyone else's", async () => {
    const show = await liveShow("Redaction on air");
    const stream = await watch(show.id);
    const customer = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, `karin-${randomUUID().slice(0, 6)}@example.com`, "Karin", "Lund");
    const customerId = numericIdOf(customer.id);
    const token = chat.viewerToken(show.id);
    const asked = await posted(show.id, await chat.post(show.id, { token, nickname: "Karin", body: "Is the shirt linen?", question: true }, { customerId }));
    const said = await posted(show.id, await chat.post(show.id, { token, nickname: "Karin", body: "Lovely" }, { customerId }));
    const guest = await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "Me too")));
    await messagesArrive(stream, [asked.id, said.id, guest.id]);
    await moderateChat(shop.admin, show.id, { intent: "pin_message", messageId: asked.id });
    expect((await nextChat(stream)).pinned).toMatchObject({ id: asked.id });

    stack.shopify.state.requestCustomerRedact(shop.domain, customer);
    await stack.shopify.webhooks.settled();

    const told = await nextChat(stream);
    expect(told.hidden?.sort()).toEqual([asked.id, said.id].sort());
    expect(told.pinned).toBeNull();
    expect(await prisma.chatMessage.findMany({ where: { shop: shop.domain, showId: show.id }, select: { id: true } })).toEqual([{ id: guest.id }]);
  });
});

describe("a host moderating from the creator portal", () => {
  const target = () => ({ shop: shop.domain, admin: shop.admin, variant: shop.products.mug.variants[0]!, productId: shop.products.mug.id });

  async function signedInCreator(name: string): Promise<{ id: string; portal: PortalClient }> {
    const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@creators.example`;
    const since = Date.now();
    const creator = await inviteThroughAdmin(target(), { name, email, percent: "10" });
    const link = await signInLinkFor(stack.mail, email, since);
    const portal = portalClient(stack.appUrl);
    expect((await portal.post("/creator/sign-in", { intent: "use_link", token: new URL(link).searchParams.get("token") ?? "" })).status).toBe(302);
    return { id: creator.id, portal };
  }

  async function hostedBy(creatorId: string, title: string, live = true): Promise<CreatedShow> {
    const show = await createShow(shop, { title, products: [shop.products.shirt] });
    expect((await shop.admin.post(`/app/creators/${creatorId}`, { intent: "assign_show", showId: show.id, commissionPercent: "" })).status).toBe(200);
    if (live) {
      await stack.mux.connectEncoder(show.muxLiveStreamId);
      await stack.mux.webhooks.settled();
    }
    return show;
  }

  const chatPage = (showId: string) => `/creator/shows/${showId}/chat`;

  it("lets the signed-in host hide, pin, answer and ban in their live show's chat, for every viewer at once", async () => {
    const host = await signedInCreator("Hanna");
    const show = await hostedBy(host.id, "Portal: on air");
    const stream = await watch(show.id);
    const pest = chat.viewerToken(show.id);
    const question = await posted(show.id, await chat.post(show.id, { token: chat.viewerToken(show.id), nickname: "Eva", body: "Does the shirt shrink?", question: true }));
    const spam = await posted(show.id, await chat.post(show.id, say(pest, "cheap pills here", "Pest")));
    await messagesArrive(stream, [question.id, spam.id]);

    const page = await host.portal.get(chatPage(show.id));
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const words of ["Questions waiting", "Does the shirt shrink?", "cheap pills here", "Ban from every show"]) expect(html).toContain(words);
    expect((await host.portal.get("/creator")).status).toBe(200);
    expect(await (await host.portal.get("/creator")).text()).toContain(`/creator/shows/${show.id}/chat`);

    const pinned = await host.portal.post(chatPage(show.id), { intent: "pin_message", messageId: question.id });
    expect(pinned.status).toBe(200);
    expect(await pinned.text()).toContain("The message is pinned above the chat for every viewer.");
    expect((await nextChat(stream)).pinned).toMatchObject({ id: question.id });

    expect((await host.portal.post(chatPage(show.id), { intent: "ban_viewer", messageId: spam.id, scope: "show" })).status).toBe(200);
    expect((await nextChat(stream)).hidden).toEqual([spam.id]);
    expect(await prisma.chatBan.findFirstOrThrow({ where: { shop: shop.domain, messageId: spam.id } })).toMatchObject({ showId: show.id, bannedBy: `creator:${host.id}` });
    await refusedWithoutWriting(shop.domain, () => chat.post(show.id, say(pest, "again", "Pest")), 403, "banned");

    expect((await host.portal.post(chatPage(show.id), { intent: "mark_answered", messageId: question.id })).status).toBe(200);
    expect(await nextChat(stream)).toEqual({ answered: [question.id], pinned: null });
  });

  it("refuses another creator's show and another shop's with 404, the shop's own controls with 403, a show not on air with 409, and anyone signed out", async () => {
    const host = await signedInCreator("Ines");
    const stranger = await signedInCreator("Olle");
    const show = await hostedBy(host.id, "Portal: refusals");
    const upcoming = await hostedBy(host.id, "Portal: not yet live", false);
    const message = await posted(show.id, await chat.post(show.id, say(chat.viewerToken(show.id), "Hej")));
    const elsewhere = await openStorefrontShop(stack);
    const theirs = await liveShow("Portal: another shop", elsewhere);

    const refusals: [PortalClient, string, Record<string, string> | null, number, string][] = [
      [stranger.portal, show.id, null, 404, "This show is not one you host in this shop."],
      [stranger.portal, show.id, { intent: "hide_message", messageId: message.id }, 404, "This show is not one you host in this shop."],
      [host.portal, theirs.id, null, 404, "This show is not one you host in this shop."],
      [host.portal, show.id, { intent: "set_chat", chat: "off" }, 403, "Only the shop turns the chat off or sets slow mode"],
      [host.portal, show.id, { intent: "set_slow_mode", slowSeconds: "30" }, 403, "Only the shop turns the chat off or sets slow mode"],
      [host.portal, upcoming.id, { intent: "hide_message", messageId: message.id }, 409, "The chat can be moderated while the show is live."],
      [host.portal, show.id, { intent: "ban_viewer", messageId: message.id, scope: "forever" }, 400, "scope: Ban from"],
      [host.portal, show.id, { intent: "hide_message", messageId: "no-such-message" }, 404, "That message is not in this show"],
    ];
    for (const [portal, showId, form, status, words] of refusals) {
      const before = await shopData([shop.domain]);
      const response = form ? await portal.post(chatPage(showId), form) : await portal.get(chatPage(showId));
      expect(response.status, `${JSON.stringify(form)} on ${showId}`).toBe(status);
      expect(await response.text()).toContain(words);
      expect(await shopData([shop.domain])).toEqual(before);
    }
    expect(await prisma.show.findFirstOrThrow({ where: { id: show.id }, select: { chatEnabled: true, chatSlowSeconds: true } })).toEqual({ chatEnabled: true, chatSlowSeconds: 0 });

    const signedOut = portalClient(stack.appUrl);
    const away = await signedOut.post(chatPage(show.id), { intent: "hide_message", messageId: message.id });
    expect([away.status, away.headers.get("location")]).toEqual([302, "/creator/sign-in"]);
    expect(await prisma.chatMessage.findFirstOrThrow({ where: { id: message.id }, select: { hidden: true } })).toEqual({ hidden: false });
  });
});
