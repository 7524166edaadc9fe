// A live show's chat in the storefront block, in Chromium, against the built app: messages
// that are markup render as text and run nothing; a message the control room hides leaves the
// open page at once; the host's pin, answer, slow mode and chat off reach the composer; a banned
// viewer's next post is refused, in words. One viewer's page stays open throughout, as a real
// viewer's would, fed by the show's event stream alone.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "~/db.server";
import { chatCommand } from "~/chat/chat-commands";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { chatClient, type ChatClient } from "../support/chat";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";
import { seriousAccessibilityViolations } from "./axe";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

let stack: Stack;
let browser: Browser;
let shop: StorefrontShop;
let show: CreatedShow;
let chat: ChatClient;
let page: Page;
let errors: string[];
/** Every dialog the page tried to open: an XSS payload that ran would open one. */
const dialogs: string[] = [];

/** Bounded waits: the page is driven by the app's events, never by the test's clock. */
const EVENT_TIMEOUT = { timeout: 15_000 };

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  shop = await openStorefrontShop(stack);
  chat = chatClient(stack, shop.domain);
  show = await createShow(shop, { title: "Questions welcome", products: [shop.products.scarf] });
  storefrontOf(stack.shopify.state).theme.configure(shop.domain, { home: [{ block: "live-show", settings: { show_id: show.id } }], product: [] });
  await stack.mux.connectEncoder(show.muxLiveStreamId);
  await stack.mux.webhooks.settled();

  page = await newPage(browser);
  errors = collectPageErrors(page);
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(shop.storefront("/"));
  // The live show plays by itself in view, and the chat comes with the player.
  await log().waitFor({ timeout: 45_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const block = () => page.locator("[data-live-shows-block]");
const log = () => block().getByRole("log", { name: "Chat messages" });
const row = (id: string) => log().locator(`[data-message-id="${id}"]`);
const composer = () => block().getByRole("textbox", { name: "Message" });

async function moderate(form: Record<string, string>, showId = show.id) {
  const response = await shop.admin.post(`/app/shows/${showId}/chat`, form);
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Posts as another viewer (a token and an address of their own), through the signed app proxy. */
async function postAsGuest(body: string, nickname = "Maja", showId = show.id): Promise<{ id: string; body: string; author: string }> {
  const response = await chat.post(showId, { token: chat.viewerToken(showId), nickname, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { message: { id: string; body: string; author: string } }).message;
}

/** The viewer of the open page writes a message and presses Enter. */
async function typeAndSend(text: string) {
  await composer().fill(text);
  await composer().press("Enter");
}

const XSS_PAYLOADS = [
  "<script>window.__xss = 'script'; alert('script')</script>",
  `<img src=x onerror="window.__xss = 'img'; alert('img')">`,
  `<svg onload="window.__xss = 'svg'; alert('svg')"><circle r="4"/></svg>`,
  `<a href="javascript:alert('link')">free gift</a> <a href=javascript:window.__xss='bare'>here</a>`,
  `"><iframe srcdoc="<script>parent.__xss = 'iframe'; parent.alert('iframe')</script>"></iframe>`,
  "&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#60;i&#62;not italic&#60;/i&#62; &quot;quoted&quot;",
  `<style>body { display: none }</style><b onmouseover="alert('hover')">hover me</b>`,
  `<details open ontoggle="window.__xss = 'details'; alert('details')"><summary>x</summary></details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>`,
];

describe("the storefront chat", () => {
  it("renders markup posted as chat as text and runs none of it", { timeout: 60_000 }, async () => {
    // A nickname is markup too (24 characters at most).
    const posted = [];
    for (const payload of XSS_PAYLOADS) posted.push(await postAsGuest(payload, "<svg onload=alert(1)>"));
    // And one the page's own viewer types, with a nickname the browser keeps.
    const nickname = "<img src=x onerror=alert";
    await block().getByRole("textbox", { name: "Your nickname" }).fill(nickname);
    const typed = `<img src=x onerror="window.__xss = 'typed'; alert('typed')">`;
    await typeAndSend(typed);

    for (const message of posted) await row(message.id).waitFor(EVENT_TIMEOUT);
    const own = log().locator("[data-message-id]", { hasText: typed });
    await own.waitFor(EVENT_TIMEOUT);

    // Each line is the author's name and the text, character for character, and no element but the name's.
    for (const message of posted) {
      const line = row(message.id);
      expect(await line.textContent()).toBe(`${message.author}: ${message.body}`);
      expect(await line.locator("*").count()).toBe(1);
    }
    expect(await own.textContent()).toBe(`${nickname}: ${typed}`);
    expect(await log().locator("img, svg, script, iframe, style, a, details, math, table").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem("liveShowsNickname"))).toBe(nickname);
    // The composer is empty again, its limit in view, focus back in it for the next message.
    expect(await composer().inputValue()).toBe("");
    expect(await composer().getAttribute("maxlength")).toBe("300");
    await block().getByText("0 of 300 characters").waitFor();
    expect(await composer().evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await seriousAccessibilityViolations(page.mainFrame())).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.resolve("test-results/storefront-chat.png"), fullPage: true });
  });

  it("drops a message the control room hides from the open page", { timeout: 30_000 }, async () => {
    const rude = await postAsGuest("A message the host will hide");
    const kept = await postAsGuest("A message that stays");
    await row(rude.id).waitFor(EVENT_TIMEOUT);
    await row(kept.id).waitFor(EVENT_TIMEOUT);

    await moderate({ intent: "hide_message", messageId: rude.id });
    await row(rude.id).waitFor({ state: "detached", ...EVENT_TIMEOUT });
    expect(await row(kept.id).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows the host's pinned question on top, marks it answered, and follows slow mode and chat off", { timeout: 45_000 }, async () => {
    await block().getByRole("checkbox", { name: "Ask as a question for the host" }).check();
    await typeAndSend("Does the scarf come in grey?");
    const asked = log().locator("[data-message-id]", { hasText: "Does the scarf come in grey?" });
    await asked.getByText("Question", { exact: true }).waitFor(EVENT_TIMEOUT);
    const id = (await asked.getAttribute("data-message-id")) as string;
    expect(await block().getByRole("checkbox", { name: "Ask as a question for the host" }).isChecked()).toBe(false);

    await moderate({ intent: "pin_message", messageId: id });
    const pin = block().locator(".live-shows__chat-pin");
    await pin.getByText("Pinned question").waitFor(EVENT_TIMEOUT);
    await pin.getByText("Does the scarf come in grey?").waitFor();
    await moderate({ intent: "mark_answered", messageId: id });
    await asked.getByText("Answered").waitFor(EVENT_TIMEOUT);

    // Three taps are one request a second later, and the show's total comes back to every viewer.
    const heart = block().getByRole("button", { name: "Send a heart" });
    for (let tap = 0; tap < 3; tap += 1) await heart.click();
    await block().getByText("Hearts: 3").waitFor(EVENT_TIMEOUT);

    await moderate({ intent: "set_slow_mode", slowSeconds: "30" });
    await block().getByText("Slow mode: one message every 30 seconds.").waitFor(EVENT_TIMEOUT);
    await moderate({ intent: "set_chat", chat: "off" });
    await block().getByText("The host has turned the chat off.").waitFor(EVENT_TIMEOUT);
    expect(await composer().isDisabled()).toBe(true);
    await moderate({ intent: "set_chat", chat: "on" });
    await moderate({ intent: "set_slow_mode", slowSeconds: "0" });
    await expect.poll(() => composer().isDisabled(), EVENT_TIMEOUT).toBe(false);
    expect(errors).toEqual([]);
  });

  const banning = chatCommand.safeParse({ intent: "ban_viewer", messageId: "any", scope: "show" }).success;
  it.skipIf(!banning)("refuses a banned viewer's next post, in words, and posts nothing", { timeout: 30_000 }, async () => {
    await typeAndSend("Before the ban");
    const before = log().locator("[data-message-id]", { hasText: "Before the ban" });
    await before.waitFor(EVENT_TIMEOUT);
    const messageId = (await before.getAttribute("data-message-id")) as string;

    await moderate({ intent: "ban_viewer", messageId, scope: "show" });
    await typeAndSend("After the ban");
    await block().getByRole("alert").getByText("The host has stopped your messages in this chat.").waitFor(EVENT_TIMEOUT);
    // The refused text stays in the composer, to copy or change; nothing reached the chat.
    expect(await composer().inputValue()).toBe("After the ban");
    expect(await prisma.chatMessage.count({ where: { shop: shop.domain, showId: show.id, body: "After the ban" } })).toBe(0);
    expect(await log().locator("[data-message-id]", { hasText: "After the ban" }).count()).toBe(0);
    expect(errors.filter((error) => !error.includes("403"))).toEqual([]);
  });
});

describe("the chat in a replay", () => {
  it("plays along with the video: what was said by then, never what the host hid", { timeout: 120_000 }, async () => {
    const recorded = await createShow(shop, { title: "Yesterday's questions", products: [shop.products.scarf] });
    await stack.mux.connectEncoder(recorded.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    const early = await postAsGuest("Said as the show began", "Maja", recorded.id);
    const hidden = await postAsGuest("Said and hidden", "Maja", recorded.id);
    const late = await postAsGuest("Said ten hours in", "Maja", recorded.id);
    await moderate({ intent: "hide_message", messageId: hidden.id }, recorded.id);
    // A message's place in the replay is its offset into the stream, from the app's clock when it
    // was posted: the test places them at the start and far past the recording's end.
    await prisma.chatMessage.updateMany({ where: { shop: shop.domain, id: { in: [early.id, hidden.id] } }, data: { offsetMs: 0 } });
    await prisma.chatMessage.update({ where: { id: late.id, shop: shop.domain }, data: { offsetMs: 36_000_000 } });
    await showCommand(shop, recorded.id, { intent: "end_show" });
    await stack.mux.webhooks.settled();
    storefrontOf(stack.shopify.state).theme.configure(shop.domain, { home: [{ block: "live-show", settings: { show_id: recorded.id } }], product: [] });

    const viewer = await newPage(browser);
    const viewerErrors = collectPageErrors(viewer);
    const replayAsks: string[] = [];
    viewer.on("request", (request) => {
      if (request.url().includes(`/shows/${recorded.id}/chat?from=`)) replayAsks.push(new URL(request.url()).search);
    });
    await viewer.goto(shop.storefront("/"));
    const replay = viewer.locator("[data-live-shows-block][data-status=replay_ready]");
    await replay.getByRole("button", { name: "Watch the replay" }).click(EVENT_TIMEOUT);
    const replayLog = replay.getByRole("log", { name: "Chat messages" });
    await replayLog.locator(`[data-message-id="${early.id}"]`).waitFor({ timeout: 45_000 });
    await viewer.waitForFunction(() => ((document.querySelector("mux-player") as HTMLMediaElement | null)?.currentTime ?? 0) > 1, null, { timeout: 45_000 });

    expect(await replayLog.locator("[data-message-id]").allTextContents()).toEqual(["Maja: Said as the show began"]);
    // The first minutes are asked for by offsets, as the playhead reaches them; the tenth hour never was.
    expect(replayAsks[0]).toMatch(/^\?from=0&to=60000&/);
    expect(replayAsks.some((search) => search.includes("from=36000000"))).toBe(false);
    // No composer in a replay: it says why.
    await replay.getByText("The chat is open while the show is live.").waitFor();
    expect(await replay.getByRole("textbox", { name: "Message" }).isVisible()).toBe(false);
    expect(viewerErrors).toEqual([]);
    await viewer.close();
  });
});
