// The control room's chat card, in Chromium through the sandbox admin shell, while a show is live:
// viewers' messages posted through the app proxy (signed as Shopify signs it) appear on the open
// show page without a reload or a poll, through the show's admin stream; the question queue pins a
// question and marks it answered (a Q&A entry on the timeline); "Most asked" counts the product
// viewers ask about; Hide takes a message away at once; Ban asks where from, and the banned
// viewer's next post is refused. None of it reloads the show page or re-runs its loader
// (shouldRevalidate), and axe finds nothing to fix. The steps share one show and run in order.
import path from "node:path";
import type { Browser, Frame, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminAppUrl } from "../sandbox/shopify/admin-shell";
import { chatClient, type ChatClient } from "../support/chat";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";
import { accessibilityViolations } from "./axe";
import { appHydrated, collectPageErrors, launchBrowser, newPage } from "./browser";

const SHOW = "Linen and wool, live chat";
/** Bounded waits for what the app's events bring; nothing here waits for time to pass. */
const EVENT = { timeout: 15_000 };
const STEP = { timeout: 60_000 };

let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
let chat: ChatClient;
let show: CreatedShow;
let merchant: Page;
let merchantErrors: string[];
/** Documents the merchant's tab loaded after the show page: none, or the page was reloaded. */
const reloads: string[] = [];
/** The show page's own data requests (single fetch) once it is live: which loaders each re-ran. */
const showPageData: URL[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: false }), launchBrowser()]);
  shop = await openStorefrontShop(stack);
  chat = chatClient(stack, shop.domain);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const room = (): FrameLocator => merchant.frameLocator("iframe[name=app-iframe]");

function roomFrame(): Frame {
  const frame = merchant.frame({ name: "app-iframe" });
  if (!frame) throw new Error("The admin has no app iframe");
  return frame;
}

const chatCard = () => room().getByRole("region", { name: "Live chat" });
const latest = () => chatCard().getByRole("log", { name: "Latest chat messages" });
const queue = () => chatCard().getByRole("list", { name: "Questions waiting, oldest first" });

/** A guest's post through the app proxy; the test fails with the app's reason when it is refused. */
async function post(nickname: string, body: string, { question = false, token = chat.viewerToken(show.id) } = {}) {
  const response = await chat.post(show.id, { token, nickname, body, question });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return (JSON.parse(text) as { message: { id: string } }).message.id;
}

describe("the control room's chat", () => {
  it("shows the chat once the show is live, empty", STEP, async () => {
    show = await createShow(shop, { title: SHOW, products: [shop.products.shirt, shop.products.scarf] });
    merchant = await newPage(browser);
    merchantErrors = collectPageErrors(merchant);
    await merchant.goto(adminAppUrl(stack.shopify.url, shop.domain, `/app/shows/${show.id}`));
    await room().getByRole("heading", { name: SHOW, exact: true }).waitFor({ timeout: 20_000 }).catch((error: Error) => {
      throw new Error(`The show page did not open: ${error.message}\nPage errors:\n${merchantErrors.join("\n")}\nApp log:\n${stack.app.logs()}`);
    });
    await appHydrated(roomFrame());
    expect(await chatCard().count()).toBe(0);

    await stack.mux.connectEncoder(show.muxLiveStreamId);
    // "You are live" is drawn from the loader: the page has revalidated for the new status.
    await room().getByText("You are live").waitFor(EVENT);
    await latest().getByText("No messages yet…").waitFor(EVENT).catch(async (error: Error) => {
      throw new Error(`${error.message}\nCard: ${await room().locator("body").innerText()}\nPage errors:\n${merchantErrors.join("\n")}\nApp log:\n${stack.app.logs().slice(-3000)}`);
    });
    merchant.on("framenavigated", (frame) => reloads.push(frame.url()));
    merchant.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === `/app/shows/${show.id}.data`) showPageData.push(url);
    });
    expect(await chatCard().getByRole("checkbox", { name: "Viewers can post" }).isChecked()).toBe(true);
    expect(await chatCard().getByText("No questions waiting.").count()).toBe(1);
    expect(await accessibilityViolations(roomFrame())).toEqual([]);
  });

  it("shows viewers' messages and questions as they are posted, and counts the product asked about", STEP, async () => {
    await post("Olle", "Hello from Malmö!");
    await post("Maja", "Does the linen shirt run small?", { question: true });
    await latest().getByText("Hello from Malmö!").waitFor(EVENT);
    await latest().getByText("Does the linen shirt run small?").waitFor(EVENT);
    await queue().getByText("Does the linen shirt run small?").waitFor(EVENT);
    expect(await chatCard().getByRole("heading", { name: "Questions waiting (1)" }).count()).toBe(1);
    expect(await chatCard().getByRole("list", { name: "Most asked products" }).textContent()).toBe("Linen Shirt: 1 question, 1 mention");
    // Text, never markup: a viewer's angle brackets are shown as they were typed.
    await post("Olle", "<b>the scarf</b> looks warm");
    await latest().getByText("<b>the scarf</b> looks warm").waitFor(EVENT);
    expect(await chatCard().getByRole("list", { name: "Most asked products" }).textContent()).toBe("Linen Shirt: 1 question, 1 mentionWool Scarf: 0 questions, 1 mention");
    expect(await accessibilityViolations(roomFrame())).toEqual([]);
    await merchant.screenshot({ path: path.resolve("test-results/control-room-chat.png"), fullPage: true });
  });

  it("pins a question above the chat, then marks it answered, which puts a Q&A entry on the timeline", STEP, async () => {
    await queue().getByRole("button", { name: "Pin Maja's question" }).click();
    const pinned = chatCard().locator("div", { has: room().getByRole("heading", { name: "Pinned above the chat" }) }).last();
    await pinned.getByText("Does the linen shirt run small?").waitFor(EVENT);
    await chatCard().getByText("No questions waiting.").waitFor(EVENT);
    const question = await prisma.chatMessage.findFirstOrThrow({ where: { shop: shop.domain, showId: show.id, question: true } });
    expect(question.pinned).toBe(true);

    await chatCard().getByRole("button", { name: "Unpin the pinned question" }).click();
    await queue().getByRole("button", { name: "Mark Maja's question answered" }).click();
    await chatCard().getByText("No questions waiting.").waitFor(EVENT);
    await latest().getByRole("listitem").filter({ hasText: "Does the linen shirt run small?" }).getByText("Answered").waitFor(EVENT);
    expect(await room().getByRole("heading", { name: "Pinned above the chat" }).count()).toBe(0);
    const entry = await prisma.showEvent.findFirstOrThrow({ where: { shop: shop.domain, showId: show.id, type: "question_answered" } });
    expect(JSON.parse(entry.payload)).toMatchObject({ messageId: question.id });
  });

  it("hides a message at once", STEP, async () => {
    const hello = latest().getByRole("listitem").filter({ hasText: "Hello from Malmö!" });
    await hello.getByRole("button", { name: "Hide Olle's message" }).click();
    await hello.waitFor({ state: "detached", ...EVENT });
    await chatCard().getByText("The message is hidden from every viewer and from the replay.").waitFor(EVENT);
    expect((await prisma.chatMessage.findFirstOrThrow({ where: { shop: shop.domain, showId: show.id, body: "Hello from Malmö!" } })).hidden).toBe(true);
  });

  it("bans a viewer after asking where from, and refuses that viewer's next post", STEP, async () => {
    const token = chat.viewerToken(show.id);
    await post("Troll", "buy followers cheap", { token });
    const troll = latest().getByRole("listitem").filter({ hasText: "buy followers cheap" });
    await troll.getByRole("button", { name: "Ban Troll…" }).click();
    const choices = troll.getByRole("group", { name: "Ban Troll" });
    await choices.getByRole("button", { name: "Cancel" }).click();
    await choices.waitFor({ state: "hidden" });
    await troll.getByRole("button", { name: "Ban Troll…" }).click();
    expect(await accessibilityViolations(roomFrame())).toEqual([]);
    await choices.getByRole("button", { name: "This show" }).click();
    await chatCard().getByText(/The viewer is banned from this show's chat/).waitFor(EVENT);
    await troll.waitFor({ state: "detached", ...EVENT });

    const refused = await chat.post(show.id, { token, nickname: "Troll", body: "let me back in" });
    expect(refused.status).toBe(403);
    expect(await prisma.chatMessage.count({ where: { shop: shop.domain, showId: show.id, body: "let me back in" } })).toBe(0);
  });

  it("never reloaded the show page nor re-ran its loader for the chat", () => {
    expect(reloads).toEqual([]);
    // After a command Remix re-runs the loaders that want it in one request naming them; the show page's must not be one.
    expect(showPageData.map((url) => url.searchParams.get("_routes")).filter((routes) => routes === null || routes.split(",").includes("routes/app.shows.$id"))).toEqual([]);
    expect(merchantErrors).toEqual([]);
  });

  it("counts the chat in the show's report: messages, questions, and the products asked about", STEP, async () => {
    await merchant.goto(adminAppUrl(stack.shopify.url, shop.domain, `/app/analytics/shows/${show.id}`));
    await room().getByRole("heading", { name: `Report: ${SHOW}` }).waitFor({ timeout: 20_000 });
    const figure = (label: string) => room().locator("dl > div", { has: room().locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd").textContent();
    // Visible: the shirt question and the scarf message; hidden: Olle's hello and the banned viewer's post.
    expect([await figure("Messages"), await figure("Questions"), await figure("Questions answered"), await figure("Hidden by moderators")]).toEqual(["2", "1", "1", "2"]);
    const rows = room().locator("table", { has: room().getByRole("columnheader", { name: "Mentions" }) }).locator("tbody tr");
    expect(await rows.allInnerTexts()).toEqual(["Linen Shirt\t1\t1", "Wool Scarf\t0\t1"]);
    expect(await accessibilityViolations(roomFrame())).toEqual([]);
  });
});
