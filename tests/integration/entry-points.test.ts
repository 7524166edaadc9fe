// Every way into the app, as a table: each entry point (every Shopify webhook topic in
// shopify.app.toml, Mux, Stripe, the app proxy, the realtime stream, the creator portal, the
// scheduler's /jobs/*, the embedded admin and the rest) against the ways a request goes wrong
// (no signature, a forged one, a stale one, a malformed body, an oversized one, the wrong
// method, a duplicate delivery). Each row asserts its status, a short reason and no stack trace,
// and that none of the shop's rows changed. Rows that do not apply to an entry point are absent.
// The table must name every file in app/routes, so a new route cannot be left out. The app proxy
// and the portal are then fuzzed with fast-check, signed where a signature is needed so the
// fuzz reaches validation: never a 500, and nothing written unless the request succeeded.
import { createHmac, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { MAX_BEACON_EVENTS } from "~/analytics/beacon-input";
import { MESSAGES_PER_VIEWER, takeBucket } from "~/chat/chat-limits.server";
import { hashLoginToken } from "~/creators/login-links.server";
import { bodyLimitFor } from "~/http/body-limits";
import { env } from "~/env.server";
import { signAdminTicket } from "~/realtime/admin-ticket.server";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret, sandboxMux, sandboxShopify, sandboxStripe } from "../sandbox/config";
import { muxSignatureHeader } from "../sandbox/mux";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { signWebhookPayload } from "../sandbox/stripe/webhooks";
import { BROWSER_USER_AGENT } from "../support/admin-client";
import { fromNow } from "../support/clock";
import { inviteThroughAdmin, signInLinkFor } from "../support/creator-payouts";
import { portalClient, type PortalClient } from "../support/portal-client";
import { shopData } from "../support/shop-data";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CRON_SECRET = "entry-points-cron-secret-0123456789abcdef";
const STACK_TRACE = /\bat [\w$.<>[\] ]+ \(?[^\s)]*:\d+:\d+\)?|node_modules\//;

/** What the rows reach: filled in beforeAll, read when a row sends. */
interface World {
  stack: Stack;
  shop: StorefrontShop;
  show: CreatedShow;
  rehearsal: CreatedShow;
  /** On air, so its viewers' beacons count. */
  live: CreatedShow;
  creatorId: string;
  portal: PortalClient;
  /** A signed-in client whose session has expired. */
  expiredPortal: PortalClient;
}
let world: World;

interface Row {
  /** What goes wrong and what the app answers, e.g. "forged signature → 401". */
  name: string;
  status: number;
  send(): Promise<Response>;
  /** Sent first and left out of the comparison: the delivery a duplicate repeats. */
  prime?(): Promise<Response>;
  check?(response: Response, body: string): void;
}

interface EntryPoint {
  label: string;
  /** The files in app/routes this entry point is (empty for a path served by a plain handler). */
  routes: string[];
  rows: Row[];
}

// ---- sending ----------------------------------------------------------------------------------

const url = (path: string) => `${world.stack.appUrl}${path}`;

function send(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url(path), { redirect: "manual", ...init });
}

// The app under test runs with the default limits, which the test process reads the same way.
const limitOf = (path: string) => bodyLimitFor(path, { webhookBytes: env().BODY_LIMIT_WEBHOOK_BYTES, otherBytes: env().BODY_LIMIT_OTHER_BYTES });

function oversized(path: () => string, headers: Record<string, string> = {}): Row {
  return {
    name: "oversized body → 413",
    status: 413,
    send: () => send(path(), { method: "POST", body: "x".repeat(limitOf(path().split("?")[0]!) + 1), headers: { "content-type": "application/json", ...headers } }),
    check: (_response, body) => expect(JSON.parse(body).error).toMatch(/at most \d+ are accepted here/),
  };
}

function wrongMethod(path: () => string, method: string, allow: string, headers: Record<string, string> = {}): Row {
  return {
    name: `${method} → 405 (Allow: ${allow})`,
    status: 405,
    send: () => send(path(), { method, headers, body: method === "GET" || method === "HEAD" ? undefined : "" }),
    check: (response) => expect(response.headers.get("allow")).toBe(allow),
  };
}

type Signature = "valid" | "forged" | "missing";

function shopifyWebhook(topic: string, body: string, { signature = "valid" as Signature, eventId = randomUUID(), shop = world.shop.domain } = {}): Promise<Response> {
  const secret = signature === "forged" ? "not-the-app-secret" : sandboxShopify.apiSecret;
  return send(`/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      ...(signature === "missing" ? {} : { "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64") }),
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  });
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function muxWebhook(body: string, { signature = "valid" as Signature, at = new Date() } = {}): Promise<Response> {
  const secret = signature === "forged" ? "not-the-mux-secret" : sandboxMux.webhookSecret;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== "missing") headers["mux-signature"] = muxSignatureHeader(body, secret, seconds(at));
  return send("/webhooks/mux", { method: "POST", body, headers });
}

function stripeWebhook(body: string, { signature = "valid" as Signature, at = new Date() } = {}): Promise<Response> {
  const secret = signature === "forged" ? "whsec_not_the_secret" : sandboxStripe.webhookSecret;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== "missing") headers["stripe-signature"] = signWebhookPayload(body, secret, seconds(at));
  return send("/webhooks/stripe", { method: "POST", body, headers });
}

/** A request as Shopify's app proxy forwards it, signed for the shop (or not, or with another secret or an old timestamp). */
function proxied(path: string, { signature = "valid" as Signature, at = new Date(), query = new URLSearchParams(), shop = world.shop.domain } = {}): string {
  if (signature === "missing") return `/proxy${path}?${new URLSearchParams({ ...Object.fromEntries(query), shop })}`;
  const secret = signature === "forged" ? "not-the-app-secret" : sandboxShopify.apiSecret;
  const signed = signProxyQuery(query, { shop, customerId: "", pathPrefix: "/apps/live", secret, timestamp: seconds(at) });
  return `/proxy${path}?${signed}`;
}

type Token = "valid" | "forged" | "expired" | "missing";

async function sessionToken(token: Token): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "user-agent": BROWSER_USER_AGENT };
  if (token === "missing") return headers;
  const options = token === "forged" ? { apiSecret: "not-the-app-secret" } : token === "expired" ? { now: fromNow({ minutes: -10 }) } : {};
  headers.authorization = `Bearer ${await world.stack.shopify.mintSessionToken(world.shop.domain, options)}`;
  return headers;
}

async function admin(path: string, { token = "valid" as Token, method = "GET", body, contentType }: { token?: Token; method?: string; body?: BodyInit; contentType?: string } = {}) {
  const headers = await sessionToken(token);
  if (contentType) headers["content-type"] = contentType;
  return send(path, { method, body, headers });
}

const STALE = () => fromNow({ minutes: -10 });
const BROKEN_MULTIPART = '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreveal_ke';

// ---- the table --------------------------------------------------------------------------------

interface Subscription {
  topics?: string[];
  compliance_topics?: string[];
  uri: string;
}

/** Every topic shopify.app.toml subscribes to, with the path Shopify delivers it to. */
function subscribedTopics(): { topic: string; uri: string }[] {
  const config = parseToml(readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8")) as unknown as { webhooks: { subscriptions: Subscription[] } };
  return config.webhooks.subscriptions.flatMap((subscription) => [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])].map((topic) => ({ topic, uri: subscription.uri })));
}

const routeFileOf = (uri: string) => `${uri.slice(1).replaceAll("/", ".")}.tsx`;
const ROUTE_FILES = new Set(readdirSync(path.join(ROOT, "app/routes")));

function shopifyWebhookEntry({ topic, uri }: { topic: string; uri: string }): EntryPoint {
  const file = routeFileOf(uri);
  const path = () => uri;
  const rows: Row[] = [
    { name: "missing signature → 401", status: 401, send: () => shopifyWebhook(topic, "{}", { signature: "missing" }) },
    { name: "forged signature → 401", status: 401, send: () => shopifyWebhook(topic, "{}", { signature: "forged" }) },
    { name: "malformed body (signed, not JSON) → 400", status: 400, send: () => shopifyWebhook(topic, "{not json") },
    { name: "malformed body (signed JSON of the wrong shape) → 400", status: 400, send: () => shopifyWebhook(topic, "[1,2,3]") },
    oversized(path),
    wrongMethod(path, "GET", "POST"),
  ];
  if (topic === "orders/paid") {
    const eventId = randomUUID();
    const order = JSON.stringify({ admin_graphql_api_id: `gid://shopify/Order/${Date.now()}`, created_at: new Date().toISOString(), currency: "SEK", line_items: [] });
    rows.push({
      name: "duplicate delivery → 200, acknowledged and ignored",
      status: 200,
      prime: () => shopifyWebhook(topic, order, { eventId }),
      send: () => shopifyWebhook(topic, order, { eventId }),
      check: (response) => expect(response.headers.get("x-duplicate")).toBe("1"),
    });
  }
  return { label: `Shopify webhook ${topic}`, routes: ROUTE_FILES.has(file) ? [file] : [], rows };
}

function muxEvent(type: string, liveStreamId: string, id = randomUUID()) {
  return JSON.stringify({ id, type, created_at: new Date().toISOString(), object: { type: "live_stream", id: liveStreamId }, data: { id: liveStreamId } });
}

const muxEntry = (): EntryPoint => {
  const event = () => muxEvent("video.live_stream.idle", world.show.muxLiveStreamId);
  const duplicate = randomUUID();
  return {
    label: "Mux webhook",
    routes: ["webhooks.mux.tsx"],
    rows: [
      { name: "missing signature → 401", status: 401, send: () => muxWebhook(event(), { signature: "missing" }) },
      { name: "forged signature → 401", status: 401, send: () => muxWebhook(event(), { signature: "forged" }) },
      { name: "stale timestamp (10 minutes, past Mux's 5) → 401", status: 401, send: () => muxWebhook(event(), { at: STALE() }) },
      { name: "malformed body (signed, not JSON) → 400", status: 400, send: () => muxWebhook("{not json") },
      { name: "malformed body (signed, no event id or type) → 400", status: 400, send: () => muxWebhook(JSON.stringify({ data: { id: world.show.muxLiveStreamId } })) },
      oversized(() => "/webhooks/mux"),
      wrongMethod(() => "/webhooks/mux", "GET", "POST"),
      {
        name: "duplicate delivery → 200, acknowledged and ignored",
        status: 200,
        prime: () => muxWebhook(muxEvent("video.live_stream.idle", world.show.muxLiveStreamId, duplicate)),
        send: () => muxWebhook(muxEvent("video.live_stream.idle", world.show.muxLiveStreamId, duplicate)),
        check: (response) => expect(response.headers.get("x-duplicate")).toBe("1"),
      },
    ],
  };
};

const stripeEntry = (): EntryPoint => {
  const event = () => JSON.stringify({ id: `evt_${randomUUID()}`, object: "event", type: "account.updated", created: seconds(new Date()), data: { object: { id: "acct_unknown", object: "account" } } });
  return {
    label: "Stripe webhook",
    routes: ["webhooks.stripe.tsx"],
    rows: [
      { name: "missing signature → 401", status: 401, send: () => stripeWebhook(event(), { signature: "missing" }) },
      { name: "forged signature → 401", status: 401, send: () => stripeWebhook(event(), { signature: "forged" }) },
      { name: "stale timestamp (10 minutes, past Stripe's 5) → 401", status: 401, send: () => stripeWebhook(event(), { at: STALE() }) },
      { name: "malformed body (signed, not JSON) → 400", status: 400, send: () => stripeWebhook("{not json") },
      {
        name: "malformed body (signed payout event without its payout) → 400",
        status: 400,
        send: () => stripeWebhook(JSON.stringify({ id: `evt_${randomUUID()}`, type: "payout.paid", created: seconds(new Date()), account: "acct_x", data: { object: {} } })),
        check: (_response, body) => expect(JSON.parse(body).error).toMatch(/data\.object\.id/),
      },
      oversized(() => "/webhooks/stripe"),
      wrongMethod(() => "/webhooks/stripe", "GET", "POST"),
    ],
  };
};

/** The signature rows every app-proxy route has. */
function proxySignatureRows(path: () => string, method: "GET" | "POST", body?: () => string): Row[] {
  const init = () => (method === "POST" ? { method, body: body?.() ?? "{}", headers: { "content-type": "application/json" } } : { method });
  const refused = (response: Response, text: string) => expect(JSON.parse(text)).toMatchObject({ reason: "bad_signature" });
  return [
    { name: "missing signature → 401", status: 401, send: () => send(proxied(path(), { signature: "missing" }), init()), check: refused },
    { name: "forged signature → 401", status: 401, send: () => send(proxied(path(), { signature: "forged" }), init()), check: refused },
    { name: "stale timestamp (10 minutes, past the library's 90 s) → 401", status: 401, send: () => send(proxied(path(), { at: STALE() }), init()), check: refused },
  ];
}

const proxyEntries = (): EntryPoint[] => {
  const bootstrap = () => `/shows/${world.show.id}`;
  const calendar = () => `/shows/${world.show.id}/calendar.ics`;
  const reminders = () => `/shows/${world.show.id}/reminders`;
  const confirm = () => "/reminders/confirm";
  const events = () => `/shows/${world.live.id}/events`;
  const chat = () => `/shows/${world.live.id}/chat`;
  const refusedFor = (reason: string) => (_response: Response, body: string) => expect(JSON.parse(body)).toMatchObject({ reason });
  const chatPost = (body: string) => send(proxied(chat()), { method: "POST", body, headers: { "content-type": "application/json" } });
  const hearts = () => `/shows/${world.live.id}/hearts`;
  const heartsPost = (body: string) => send(proxied(hearts()), { method: "POST", body, headers: { "content-type": "application/json" } });
  const duplicateViewer = randomUUID();
  const hastyViewer = randomUUID();
  return [
    {
      label: "app proxy: show bootstrap",
      routes: ["proxy.shows.$showId.tsx"],
      rows: [
        ...proxySignatureRows(bootstrap, "GET"),
        { name: "malformed query (country=Sweden) → 400", status: 400, send: () => send(proxied(bootstrap(), { query: new URLSearchParams({ country: "Sweden" }) })) },
        oversized(() => proxied(bootstrap())),
        wrongMethod(() => proxied(bootstrap()), "POST", "GET, HEAD"),
      ],
    },
    {
      label: "app proxy: calendar file",
      routes: ["proxy.shows.$showId_.calendar[.]ics.tsx"],
      rows: [...proxySignatureRows(calendar, "GET"), oversized(() => proxied(calendar())), wrongMethod(() => proxied(calendar()), "POST", "GET, HEAD")],
    },
    {
      label: "app proxy: remind me",
      routes: ["proxy.shows.$showId_.reminders.tsx"],
      rows: [
        ...proxySignatureRows(reminders, "POST", () => JSON.stringify({ email: "nobody@example.com" })),
        {
          name: "invalid field (an email that is an array) → 422 with the reason",
          status: 422,
          send: () => send(proxied(reminders()), { method: "POST", body: JSON.stringify({ email: ["a@example.com"] }), headers: { "content-type": "application/json" } }),
          check: (_response, body) => expect(JSON.parse(body)).toMatchObject({ reason: "invalid" }),
        },
        {
          name: "malformed body (JSON that does not parse) → 400 with the reason",
          status: 400,
          send: () => send(proxied(reminders()), { method: "POST", body: '{"email": "a@example.com"', headers: { "content-type": "application/json" } }),
          check: (_response, body) => expect(JSON.parse(body)).toMatchObject({ reason: "malformed" }),
        },
        oversized(() => proxied(reminders())),
        wrongMethod(() => proxied(reminders()), "GET", "POST"),
      ],
    },
    {
      label: "app proxy: reminder confirmation",
      routes: ["proxy.reminders.confirm.tsx"],
      rows: [...proxySignatureRows(confirm, "GET"), oversized(() => proxied(confirm())), wrongMethod(() => proxied(confirm()), "PUT", "GET, HEAD, POST")],
    },
    {
      label: "app proxy: viewer beacons",
      routes: ["proxy.shows.$showId_.events.tsx"],
      rows: [
        ...proxySignatureRows(events, "POST", () => beaconBody(viewerToken(world.live.id))),
        { name: "forged viewer token → 401", status: 401, send: () => beacon(events(), beaconBody(viewerToken(world.live.id, { secret: "not-the-app-secret" }))), check: refusedFor("bad_token") },
        { name: "viewer token of another show → 401", status: 401, send: () => beacon(events(), beaconBody(viewerToken(world.show.id))), check: refusedFor("bad_token") },
        { name: "viewer token expired hours ago → 401", status: 401, send: () => beacon(events(), beaconBody(viewerToken(world.live.id, { expiresAt: fromNow({ hours: -7 }) }))), check: refusedFor("bad_token") },
        { name: "malformed body (not JSON) → 400 with the reason", status: 400, send: () => beacon(events(), '{"token": "'), check: refusedFor("malformed") },
        {
          name: "malformed body (an event without its sequence number) → 400 with the reason",
          status: 400,
          send: () => beacon(events(), JSON.stringify({ token: viewerToken(world.live.id), events: [{ type: "view", ago: 0 }] })),
          check: (_response, body) => expect(JSON.parse(body)).toMatchObject({ reason: "malformed", error: expect.stringMatching(/events\.0\.n/) }),
        },
        {
          name: "a batch of too many events → 413",
          status: 413,
          send: () => beacon(events(), beaconBody(viewerToken(world.live.id), MAX_BEACON_EVENTS + 1)),
          check: refusedFor("too_many_events"),
        },
        oversized(() => proxied(events())),
        wrongMethod(() => proxied(events()), "GET", "POST"),
        {
          name: "duplicate batch → 202, counted once",
          status: 202,
          // The first delivery is written before the comparison starts, so only the repeat is compared.
          prime: async () => {
            const first = await beacon(events(), beaconBody(viewerToken(world.live.id, { viewerId: duplicateViewer })));
            await expect.poll(() => prisma.showViewer.count({ where: { shop: world.shop.domain, viewerId: duplicateViewer } }), { timeout: 15_000 }).toBe(1);
            return first;
          },
          send: () => beacon(events(), beaconBody(viewerToken(world.live.id, { viewerId: duplicateViewer }))),
          check: (_response, body) => expect(JSON.parse(body)).toEqual({ counted: 0, ignored: 1 }),
        },
      ],
    },
    {
      label: "app proxy: chat",
      routes: ["proxy.shows.$showId_.chat.tsx"],
      rows: [
        ...proxySignatureRows(chat, "GET"),
        ...proxySignatureRows(chat, "POST", () => chatBody(viewerToken(world.live.id))),
        {
          name: "malformed query (from=soon) → 400 with the reason",
          status: 400,
          send: () => send(proxied(chat(), { query: new URLSearchParams({ from: "soon" }) })),
          check: refusedFor("bad_request"),
        },
        { name: "malformed body (JSON that does not parse) → 400 with the reason", status: 400, send: () => chatPost('{"body": "hi"'), check: refusedFor("malformed") },
        {
          name: "invalid field (a body that is an array) → 422 with the reason",
          status: 422,
          send: () => chatPost(JSON.stringify({ token: viewerToken(world.live.id), nickname: "Mo", body: ["hi"] })),
          check: refusedFor("invalid"),
        },
        { name: "message of 301 characters → 422 with the reason", status: 422, send: () => chatPost(chatBody(viewerToken(world.live.id), "a".repeat(301))), check: refusedFor("too_long") },
        { name: "forged viewer token → 401", status: 401, send: () => chatPost(chatBody(viewerToken(world.live.id, { secret: "not-the-app-secret" }))), check: refusedFor("viewer_token") },
        { name: "viewer token of another show → 401", status: 401, send: () => chatPost(chatBody(viewerToken(world.show.id))), check: refusedFor("viewer_token") },
        oversized(() => proxied(chat())),
        wrongMethod(() => proxied(chat()), "PUT", "GET, HEAD, POST"),
        {
          name: "a viewer past their burst → 429 with Retry-After",
          status: 429,
          // The viewer's five at once are taken from the shared rate-limit table as five posts would
          // take them, but without the posts: their chat event would claim a number on the show
          // after this row's comparison (tests/integration/chat.test.ts posts them for real).
          send: async () => {
            for (let index = 0; index < MESSAGES_PER_VIEWER.burst; index += 1) expect((await takeBucket(MESSAGES_PER_VIEWER, hastyViewer)).allowed).toBe(true);
            return chatPost(chatBody(viewerToken(world.live.id, { viewerId: hastyViewer }), "one too many"));
          },
          check: (response, body) => {
            refusedFor("rate_limited")(response, body);
            expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
          },
        },
      ],
    },
    {
      // A send that is counted writes the show's hearts a window later, so only refusals are rows
      // here; tests/integration/chat-moderation.test.ts counts taps and meets the rate limit.
      label: "app proxy: hearts",
      routes: ["proxy.shows.$showId_.hearts.tsx"],
      rows: [
        ...proxySignatureRows(hearts, "POST", () => JSON.stringify({ token: viewerToken(world.live.id), taps: 1 })),
        { name: "malformed body (JSON that does not parse) → 400 with the reason", status: 400, send: () => heartsPost('{"taps": 1'), check: refusedFor("malformed") },
        { name: "51 taps at once → 422 with the reason", status: 422, send: () => heartsPost(JSON.stringify({ token: viewerToken(world.live.id), taps: 51 })), check: refusedFor("invalid") },
        { name: "forged viewer token → 401", status: 401, send: () => heartsPost(JSON.stringify({ token: viewerToken(world.live.id, { secret: "not-the-app-secret" }), taps: 1 })), check: refusedFor("viewer_token") },
        { name: "viewer token of another show → 401", status: 401, send: () => heartsPost(JSON.stringify({ token: viewerToken(world.show.id), taps: 1 })), check: refusedFor("viewer_token") },
        oversized(() => proxied(hearts())),
        wrongMethod(() => proxied(hearts()), "GET", "POST"),
      ],
    },
  ];
};

/** A viewer token as the bootstrap signs it (or with another secret, or long expired). */
function viewerToken(showId: string, { secret = sandboxAppSecret, expiresAt = fromNow({ minutes: 15 }), viewerId = randomUUID() } = {}): string {
  return signViewerToken(secret, showId, expiresAt, { viewerId, preview: false });
}

/** What the storefront's live-stats script sends: its token and `count` events (a product opened). */
function beaconBody(token: string, count = 1): string {
  return JSON.stringify({ token, events: Array.from({ length: count }, (_, i) => ({ n: i + 1, type: "product", ago: 0 })) });
}

/** A guest's chat message as the player posts it. */
function chatBody(token: string, body = "Hello from the matrix"): string {
  return JSON.stringify({ token, nickname: "Matrix guest", body });
}

/** navigator.sendBeacon posts a string as text/plain, signed by the app proxy on its way. */
function beacon(path: string, body: string): Promise<Response> {
  return send(proxied(path), { method: "POST", body, headers: { "content-type": "text/plain;charset=UTF-8" } });
}

const realtimeEntry = (): EntryPoint => {
  const stream = (query: string) => `/realtime/shows/${world.rehearsal.id}?shop=${world.shop.domain}${query}`;
  const refused = (_response: Response, body: string) => expect(JSON.parse(body).error).toMatch(/viewer token/);
  return {
    label: "realtime show stream",
    routes: ["realtime.shows.$showId.tsx"],
    rows: [
      { name: "missing viewer token (a rehearsal) → 401", status: 401, send: () => send(stream("")), check: refused },
      { name: "forged viewer token → 401", status: 401, send: () => send(stream(`&token=${signViewerToken("not-the-app-secret", world.rehearsal.id, fromNow({ minutes: 5 }))}`)), check: refused },
      { name: "expired viewer token → 401", status: 401, send: () => send(stream(`&token=${signViewerToken(sandboxAppSecret, world.rehearsal.id, fromNow({ minutes: -1 }))}`)), check: refused },
      { name: "malformed query (shop is not a myshopify.com domain) → 400", status: 400, send: () => send(`/realtime/shows/${world.rehearsal.id}?shop=${encodeURIComponent("<script>")}`) },
      oversized(() => stream("")),
      wrongMethod(() => stream(""), "POST", "GET, OPTIONS"),
    ],
  };
};

const adminStreamEntry = (): EntryPoint => {
  const stream = (ticket: string | null, showId = world.show.id) => `/realtime/admin/shows/${showId}?shop=${world.shop.domain}${ticket === null ? "" : `&ticket=${encodeURIComponent(ticket)}`}`;
  const ticketFor = (showId: string, { secret = sandboxAppSecret, expiresAt = fromNow({ minutes: 5 }), shop = world.shop.domain } = {}) => signAdminTicket(secret, shop, showId, expiresAt);
  const refused = (reason: RegExp) => (_response: Response, body: string) => expect(JSON.parse(body).error).toMatch(reason);
  return {
    label: "realtime admin stream (the show page's)",
    routes: [],
    rows: [
      { name: "missing ticket → 401", status: 401, send: () => send(stream(null)), check: refused(/No ticket/) },
      { name: "forged ticket → 401", status: 401, send: () => send(stream(ticketFor(world.show.id, { secret: "not-the-app-secret" }))), check: refused(/not genuine/) },
      { name: "expired ticket → 401", status: 401, send: () => send(stream(ticketFor(world.show.id, { expiresAt: fromNow({ minutes: -1 }) }))), check: refused(/expired/) },
      { name: "a ticket for another show → 401", status: 401, send: () => send(stream(ticketFor(world.rehearsal.id))), check: refused(/another shop or show/) },
      { name: "a ticket for another shop → 401", status: 401, send: () => send(stream(ticketFor(world.show.id, { shop: "someone-else.myshopify.com" }))), check: refused(/another shop or show/) },
      { name: "malformed query (shop is not a myshopify.com domain) → 400", status: 400, send: () => send(`/realtime/admin/shows/${world.show.id}?shop=${encodeURIComponent("<script>")}`) },
      oversized(() => stream(null)),
      wrongMethod(() => stream(null), "POST", "GET"),
    ],
  };
};

function signInRedirect(response: Response) {
  expect(response.headers.get("location")).toBe("/creator/sign-in");
}

/** The cookie rows every signed-in portal page has: sent to sign in, nothing read or written. */
function portalCookieRows(path: string, method: "GET" | "POST"): Row[] {
  const as = (cookie: () => string | null) => () =>
    fetch(url(path), {
      method,
      body: method === "POST" ? new URLSearchParams({ intent: "reveal_stream_key", showId: world.show.id }) : undefined,
      redirect: "manual",
      headers: { "user-agent": BROWSER_USER_AGENT, ...(cookie() ? { cookie: cookie()! } : {}) },
    });
  // The cookie's value with its signature replaced: what a visitor guessing at sessions sends.
  const forged = () => `${world.portal.cookie.slice(0, world.portal.cookie.lastIndexOf(".") + 1)}${"A".repeat(43)}`;
  return [
    { name: "missing session cookie → 302 to sign-in", status: 302, send: as(() => null), check: signInRedirect },
    { name: "forged session cookie → 302 to sign-in", status: 302, send: as(forged), check: signInRedirect },
    { name: "expired session → 302 to sign-in", status: 302, send: as(() => world.expiredPortal.cookie), check: signInRedirect },
  ];
}

function formRows(path: () => string, send: (body: BodyInit, contentType: string) => Promise<Response>): Row[] {
  return [
    {
      name: "a body that is not a form (JSON) → 415",
      status: 415,
      send: () => send('{"intent":"reveal_stream_key"}', "application/json"),
      check: (_response, body) => expect(body).toContain("Send this form as application/x-www-form-urlencoded or multipart/form-data"),
    },
    {
      name: "malformed body (multipart cut short) → 400",
      status: 400,
      send: () => send(BROKEN_MULTIPART, "multipart/form-data; boundary=b"),
      check: (_response, body) => expect(body).toContain("The form could not be read"),
    },
    oversized(path),
  ];
}

const portalEntries = (): EntryPoint[] => {
  const portalForm = (path: string) => (body: BodyInit, contentType: string) => world.portal.send(path, body, contentType);
  const hostChat = (showId: string) => `/creator/shows/${showId}/chat`;
  return [
    {
      label: "creator portal: overview",
      routes: ["creator._index.tsx", "creator.tsx"],
      rows: [...portalCookieRows("/creator", "GET"), ...portalCookieRows("/creator?index", "POST").map((row) => ({ ...row, name: `POST ${row.name}` })), ...formRows(() => "/creator?index", portalForm("/creator?index")), wrongMethod(() => "/creator?index", "PUT", "GET, HEAD, POST")],
    },
    {
      label: "creator portal: sign-in",
      routes: ["creator.sign-in.tsx"],
      rows: [...formRows(() => "/creator/sign-in", portalForm("/creator/sign-in")), wrongMethod(() => "/creator/sign-in", "DELETE", "GET, HEAD, POST")],
    },
    {
      label: "creator portal: sign out",
      routes: ["creator.sign-out.tsx"],
      rows: [
        { name: "missing session cookie → 302, nothing ended", status: 302, send: () => send("/creator/sign-out", { method: "POST", body: new URLSearchParams() }) },
        oversized(() => "/creator/sign-out"),
        wrongMethod(() => "/creator/sign-out", "PATCH", "GET, HEAD, POST"),
      ],
    },
    {
      label: "creator portal: sign out everywhere",
      routes: ["creator.sign-out_.everywhere.tsx"],
      rows: [...portalCookieRows("/creator/sign-out/everywhere", "POST"), oversized(() => "/creator/sign-out/everywhere"), wrongMethod(() => "/creator/sign-out/everywhere", "PUT", "GET, HEAD, POST")],
    },
    {
      label: "creator portal: a host's chat moderation",
      routes: ["creator.shows.$id.chat.tsx"],
      rows: [
        ...portalCookieRows(hostChat("no-such-show"), "GET"),
        ...portalCookieRows(hostChat("no-such-show"), "POST").map((row) => ({ ...row, name: `POST ${row.name}` })),
        ...formRows(() => hostChat("no-such-show"), portalForm(hostChat("no-such-show"))),
        { name: "a show this creator does not host → 404 in words", status: 404, send: () => world.portal.get(hostChat(world.live.id)), check: (_response, body) => expect(body).toContain("This show is not one you host in this shop.") },
        { name: "POST to a show this creator does not host → 404", status: 404, send: () => world.portal.post(hostChat(world.live.id), { intent: "hide_message", messageId: "any" }) },
        { name: "malformed form (ban scope forever) → 400", status: 400, send: () => world.portal.post(hostChat(world.live.id), { intent: "ban_viewer", messageId: "any", scope: "forever" }) },
        wrongMethod(() => hostChat("no-such-show"), "PUT", "GET, HEAD, POST"),
      ],
    },
    ...(
      [
        ["creator portal: statements", "creator.statements.tsx", "/creator/statements"],
        ["creator portal: statement CSV", "creator.statements[.csv].tsx", "/creator/statements.csv"],
      ] as const
    ).map(([label, file, path]) => ({
      label,
      routes: [file],
      rows: [
        ...portalCookieRows(path, "GET"),
        { name: "malformed query (month=13/2026) → 400", status: 400, send: () => world.portal.get(`${path}?month=13%2F2026`) },
        oversized(() => path),
        wrongMethod(() => path, "POST", "GET, HEAD"),
      ],
    })),
    ...(
      [
        ["creator portal: Stripe refresh", "creator.stripe.refresh.tsx", "/creator/stripe/refresh"],
        ["creator portal: Stripe return", "creator.stripe.return.tsx", "/creator/stripe/return"],
      ] as const
    ).map(([label, file, path]) => ({ label, routes: [file], rows: [...portalCookieRows(path, "GET"), oversized(() => path), wrongMethod(() => path, "POST", "GET, HEAD")] })),
  ];
};

const jobEntries = (): EntryPoint[] =>
  ["payouts", "reconcile", "reminders", "usage-charges"].map((job) => {
    const path = `/jobs/${job}`;
    const refused = (_response: Response, body: string) => expect(body).toBe("Unauthorized");
    return {
      label: `scheduler job ${job}`,
      routes: [`jobs.${job}.tsx`],
      rows: [
        { name: "missing bearer → 401", status: 401, send: () => send(path, { method: "POST" }), check: refused },
        { name: "wrong bearer → 401", status: 401, send: () => send(path, { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET.replace(/.$/, "0")}` } }), check: refused },
        { name: "bearer of another length → 401", status: 401, send: () => send(path, { method: "POST", headers: { authorization: "Bearer x" } }), check: refused },
        oversized(() => path, { authorization: `Bearer ${CRON_SECRET}` }),
        wrongMethod(() => path, "GET", "POST"),
        wrongMethod(() => path, "PUT", "POST", { authorization: `Bearer ${CRON_SECRET}` }),
      ],
    };
  });

/** The session-token rows of an admin route: a page load without a token goes to log in; a post without one, or any request with a forged or expired one, gets 401. */
function adminTokenRows(path: () => string, method: "GET" | "POST"): Row[] {
  const body = method === "POST" ? new URLSearchParams({ intent: "reveal_key" }) : undefined;
  const contentType = method === "POST" ? "application/x-www-form-urlencoded" : undefined;
  const as = (token: Token) => () => admin(path(), { token, method, body, contentType });
  const missing: Row =
    method === "GET"
      ? { name: "missing session token (a page load) → 302 to log in", status: 302, send: as("missing"), check: (response) => expect(response.headers.get("location")).toBe("/auth/login") }
      : { name: "missing session token → 401", status: 401, send: as("missing"), check: (_response, text) => expect(text).toContain("no Shopify session token") };
  return [missing, { name: "forged session token → 401", status: 401, send: as("forged") }, { name: "expired session token → 401", status: 401, send: as("expired") }];
}

const adminEntries = (): EntryPoint[] => {
  const loaderOnly: [string, string[], () => string][] = [
    ["admin: home", ["app._index.tsx", "app.tsx"], () => "/app"],
    ["admin: analytics", ["app.analytics.tsx"], () => "/app/analytics"],
    ["admin: analytics CSV", ["app.analytics[.csv].tsx"], () => "/app/analytics.csv"],
    ["admin: show report", ["app.analytics_.shows.$id.tsx"], () => `/app/analytics/shows/${world.show.id}`],
    ["admin: shows list", ["app.shows._index.tsx"], () => "/app/shows"],
    ["admin: creator statement", ["app.creators.$id_.statement.tsx"], () => `/app/creators/${world.creatorId}/statement`],
    ["admin: creator statement CSV", ["app.creators.$id_.statement[.csv].tsx"], () => `/app/creators/${world.creatorId}/statement.csv`],
    ["admin: creator report CSV", ["app.creators.$id_.report[.csv].tsx"], () => `/app/creators/${world.creatorId}/report.csv`],
    ["admin: privacy request report", ["app.privacy-requests.$id[.json].tsx"], () => "/app/privacy-requests/no-such-request.json"],
    ["admin: the show page's live stream ticket", ["app.shows.$id_.stream-ticket.tsx"], () => `/app/shows/${world.show.id}/stream-ticket`],
  ];
  const withActions: [string, string[], () => string][] = [
    ["admin: show page and control room", ["app.shows.$id.tsx"], () => `/app/shows/${world.show.id}`],
    ["admin: new show", ["app.shows.new.tsx"], () => "/app/shows/new"],
    ["admin: creators", ["app.creators._index.tsx"], () => "/app/creators"],
    ["admin: creator page", ["app.creators.$id.tsx"], () => `/app/creators/${world.creatorId}`],
    ["admin: payouts", ["app.payouts._index.tsx"], () => "/app/payouts"],
    ["admin: plan", ["app.plan.tsx"], () => "/app/plan"],
    ["admin: settings", ["app.settings.tsx"], () => "/app/settings"],
  ];
  const statementRows = (path: () => string): Row[] => [{ name: "malformed query (month=2026-13) → 400", status: 400, send: () => admin(`${path()}?month=2026-13`) }];
  const rangeRows = (path: () => string): Row[] => [{ name: "malformed query (from=2026-02-30) → 400", status: 400, send: () => admin(`${path()}?from=2026-02-30`) }];
  const chatModeration = () => `/app/shows/${world.live.id}/chat`;
  const chatCommand = (form: Record<string, string>) => admin(chatModeration(), { method: "POST", body: new URLSearchParams(form), contentType: "application/x-www-form-urlencoded" });
  return [
    ...loaderOnly.map(([label, routes, path]) => ({
      label,
      routes,
      rows: [
        ...adminTokenRows(path, "GET"),
        ...(label.includes("statement") ? statementRows(path) : []),
        ...(label === "admin: analytics CSV" ? rangeRows(path) : []),
        oversized(path),
        wrongMethod(path, "POST", "GET, HEAD"),
      ],
    })),
    ...withActions.map(([label, routes, path]) => ({
      label,
      routes,
      rows: [
        ...adminTokenRows(path, "GET"),
        ...adminTokenRows(path, "POST").map((row) => ({ ...row, name: `POST ${row.name}` })),
        ...formRows(path, (body, contentType) => admin(path(), { method: "POST", body, contentType })),
        wrongMethod(path, "PUT", "GET, HEAD, POST"),
      ],
    })),
    {
      label: "admin: the control room's chat moderation",
      routes: ["app.shows.$id_.chat.tsx"],
      rows: [
        ...adminTokenRows(chatModeration, "GET"),
        ...adminTokenRows(chatModeration, "POST").map((row) => ({ ...row, name: `POST ${row.name}` })),
        ...formRows(chatModeration, (body, contentType) => admin(chatModeration(), { method: "POST", body, contentType })),
        {
          name: "malformed form (slow mode of 7 s) → 400 with the reason",
          status: 400,
          send: () => chatCommand({ intent: "set_slow_mode", slowSeconds: "7" }),
          check: (_response, body) => expect(JSON.parse(body).error).toMatch(/^slowSeconds: Choose one of 0, 5, 10/),
        },
        {
          name: "a message that is not in the show → 404 with the reason",
          status: 404,
          send: () => chatCommand({ intent: "hide_message", messageId: "no-such-message" }),
          check: (_response, body) => expect(JSON.parse(body)).toEqual({ error: "That message is not in this show's chat, or it is hidden already." }),
        },
        wrongMethod(chatModeration, "PUT", "GET, HEAD, POST"),
      ],
    },
    {
      label: "admin: OAuth and login",
      routes: ["auth.$.tsx"],
      rows: [oversized(() => "/auth/login"), wrongMethod(() => "/auth/login", "POST", "GET, HEAD")],
    },
  ];
};

const otherEntries = (): EntryPoint[] => [
  { label: "landing page", routes: ["_index.tsx"], rows: [oversized(() => "/"), wrongMethod(() => "/", "POST", "GET, HEAD")] },
  { label: "health check", routes: ["healthz.tsx"], rows: [oversized(() => "/healthz"), wrongMethod(() => "/healthz", "POST", "GET, HEAD"), wrongMethod(() => "/healthz", "DELETE", "GET, HEAD")] },
  { label: "storefront player bundle", routes: ["storefront.mux-player[.]js.tsx"], rows: [oversized(() => "/storefront/mux-player.js"), wrongMethod(() => "/storefront/mux-player.js", "POST", "GET, HEAD")] },
];

const ENTRY_POINTS: EntryPoint[] = [
  ...subscribedTopics().map(shopifyWebhookEntry),
  muxEntry(),
  stripeEntry(),
  ...proxyEntries(),
  realtimeEntry(),
  adminStreamEntry(),
  ...portalEntries(),
  ...jobEntries(),
  ...adminEntries(),
  ...otherEntries(),
];
const ROW_COUNT = ENTRY_POINTS.reduce((sum, entry) => sum + entry.rows.length, 0);

// ---- the world --------------------------------------------------------------------------------

async function settled() {
  await Promise.all([world.stack.shopify.webhooks.settled(), world.stack.mux.webhooks.settled(), world.stack.stripe.webhooks.settled()]);
}

async function signedIn(email: string, since: number): Promise<PortalClient> {
  const link = await signInLinkFor(world.stack.mail, email, since);
  const client = portalClient(world.stack.appUrl);
  const response = await client.post("/creator/sign-in", { intent: "use_link", token: new URL(link).searchParams.get("token") ?? "" });
  expect(response.status).toBe(302);
  return client;
}

/** The token inside the signed session cookie (Remix's format: base64 JSON, a dot, the signature). */
function sessionTokenIn(cookie: string): string {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  return JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf(".")), "base64").toString("utf8")) as string;
}

beforeAll(async () => {
  const stack = await startStack({ env: { CRON_SECRET, ANALYTICS_FLUSH_SECONDS: "1" } });
  const shop = await openStorefrontShop(stack);
  world = { stack, shop } as World;
  world.show = await createShow(shop, { title: "The matrix show", products: [shop.products.scarf, shop.products.mug] });
  world.rehearsal = await createShow(shop, { title: "The matrix rehearsal", products: [shop.products.mug], mode: "rehearsal" });
  world.live = await createShow(shop, { title: "The matrix live show", products: [shop.products.scarf] });
  await stack.mux.connectEncoder(world.live.muxLiveStreamId);
  const email = `matrix-${randomUUID().slice(0, 8)}@creators.example`;
  const since = Date.now();
  const target = { shop: shop.domain, admin: shop.admin, variant: shop.products.mug.variants[0]!, productId: shop.products.mug.id };
  world.creatorId = (await inviteThroughAdmin(target, { name: "Mira Matrix", email, percent: "10" })).id;
  world.portal = await signedIn(email, since);
  const again = Date.now();
  expect((await portalClient(stack.appUrl).post("/creator/sign-in", { intent: "email_link", email })).status).toBe(200);
  world.expiredPortal = await signedIn(email, again);
  await prisma.creatorSession.update({ where: { tokenHash: hashLoginToken(sessionTokenIn(world.expiredPortal.cookie)) }, data: { expiresAt: fromNow({ minutes: -1 }) } });
  await settled();
});

afterAll(async () => {
  await world?.stack.close();
});

// ---- the rows ---------------------------------------------------------------------------------

async function runRow(row: Row) {
  if (row.prime) expect((await row.prime()).ok).toBe(true);
    await settled();
    const before = await shopData([world.shop.domain]);
    const response = await row.send();
    const body = await response.text();
    expect(response.status, body.slice(0, 500)).toBe(row.status);
    expect(body).not.toMatch(STACK_TRACE);
    const type = response.headers.get("content-type") ?? "";
    if (response.status >= 400 && type.includes("json")) expect((JSON.parse(body) as { error?: unknown }).error, body).toEqual(expect.any(String));
    if (response.status >= 400 && type.startsWith("text/plain")) expect(body.trim()).not.toBe("");
    row.check?.(response, body);
    await settled();
    expect(await shopData([world.shop.domain])).toEqual(before);
}

for (const entry of ENTRY_POINTS) {
  describe(entry.label, () => {
    for (const row of entry.rows) it(row.name, () => runRow(row));
  });
}

describe(`the entry-point matrix (${ROW_COUNT} rows over ${ENTRY_POINTS.length} entry points)`, () => {
  it("names every route file in app/routes (read through app/routes.ts's flatRoutes), and no file that is not there", async () => {
    (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = path.join(ROOT, "app");
    type ConfigEntry = { file: string; children?: ConfigEntry[] };
    const config = (await (await import("~/routes")).default) as ConfigEntry[];
    const files = (entries: ConfigEntry[]): string[] => entries.flatMap((entry) => [entry.file.replace(/^routes\//, ""), ...files(entry.children ?? [])]);
    const routeFiles = files(config).sort();
    expect(routeFiles.length).toBeGreaterThan(40);
    const covered = new Set(ENTRY_POINTS.flatMap((entry) => entry.routes));
    expect(routeFiles.filter((file) => !covered.has(file)), "route files without a row in the matrix").toEqual([]);
    expect([...covered].filter((file) => !routeFiles.includes(file)), "matrix entries naming no route file").toEqual([]);
    // Every topic Shopify is told to deliver reaches a route file or the plain stock handler.
    for (const { topic, uri } of subscribedTopics()) expect(routeFiles.includes(routeFileOf(uri)) || uri === "/webhooks/inventory_levels/update", topic).toBe(true);
  });
});

// ---- the fuzz ---------------------------------------------------------------------------------

/** Per property: enough to walk the parsers' corners, few enough for CI (a failure prints its seed). */
const RUNS = 120;

type Fields = Record<string, string | string[]>;

const awkward = fc.constantFrom("", " ", "0", "-1", "1e308", "-0", "99999999999999999999999999", "NaN", "null", "true", "[]", "{}", "current", "__proto__", "constructor", "<script>alert(1)</script>", "../../etc/passwd", "\u0000", "SE", "sv", "1", "2026-13", "ğüçlü ✓ 😀");
const text = fc.oneof(awkward, fc.string({ unit: "binary", maxLength: 40 }), fc.bigInt().map(String), fc.double().map(String));
/** A field given once, or several times (a repeated query key or form field). */
const value: fc.Arbitrary<string | string[]> = fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) });
const fieldsOf = (known: string[]): fc.Arbitrary<Fields> =>
  fc.dictionary(fc.oneof(fc.constantFrom(...known), fc.string({ unit: "binary", minLength: 1, maxLength: 12 })), value, { maxKeys: 6 });

function paramsOf(fields: Fields): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, given] of Object.entries(fields)) for (const one of Array.isArray(given) ? given : [given]) params.append(name, one);
  return params;
}

/** A path segment: a real id, a keyword, or anything at all. */
const segment = (real: () => string) => fc.oneof(fc.constant("real"), text).map((chosen) => encodeURIComponent(chosen === "real" ? real() : chosen));

/** Never a 500 or a stack trace; a refused request wrote nothing. */
async function answersWithoutFailing(request: () => Promise<Response>): Promise<void> {
  const before = await shopData([world.shop.domain]);
  const response = await request();
  const body = await response.text();
  expect(response.status, `${response.status} ${body.slice(0, 300)}`).toBeLessThan(500);
  expect(body).not.toMatch(STACK_TRACE);
  if (response.status >= 400) expect(await shopData([world.shop.domain])).toEqual(before);
}

const bodyOf = (fields: Fields, as: "json" | "form" | "raw", raw: string): { body: string; type: string } =>
  as === "json" ? { body: JSON.stringify(fields), type: "application/json" } : as === "form" ? { body: paramsOf(fields).toString(), type: "application/x-www-form-urlencoded" } : { body: raw, type: "application/json" };
const encoding = fc.constantFrom<"json" | "form" | "raw">("json", "form", "raw");

describe("fuzzed app-proxy parameters, signed for the shop", () => {
  it(`the bootstrap: any show id and query (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(segment(() => world.show.id), fieldsOf(["preview", "lite", "country", "locale"]), (showId, query) =>
        answersWithoutFailing(() => send(proxied(`/shows/${showId}`, { query: paramsOf(query) }))),
      ),
      { numRuns: RUNS },
    );
  });

  it(`the calendar file: any show id and page address (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(segment(() => world.show.id), fieldsOf(["url"]), (showId, query) => answersWithoutFailing(() => send(proxied(`/shows/${showId}/calendar.ics`, { query: paramsOf(query) })))),
      { numRuns: RUNS },
    );
  });

  it(`"Remind me": any show id and body, as JSON, a form or raw text (${RUNS} runs)`, async () => {
    // Sometimes a real address, so the fuzz also reaches the sign-up itself.
    const signUp = fc.tuple(fieldsOf(["email", "locale", "name"]), fc.option(fc.emailAddress())).map(([given, email]) => (email ? { ...given, email } : given));
    await fc.assert(
      fc.asyncProperty(segment(() => world.show.id), signUp, encoding, text, (showId, fields, as, raw) => {
        const { body, type } = bodyOf(fields, as, raw);
        return answersWithoutFailing(() => send(proxied(`/shows/${showId}/reminders`), { method: "POST", body, headers: { "content-type": type } }));
      }),
      { numRuns: RUNS },
    );
  });

  it(`viewer beacons: any show id and body, with a genuine token now and then (${RUNS} runs)`, async () => {
    // The real id is a show not yet on air: a beacon the fuzz gets right is taken but counts
    // nothing, so no flush can land in another run's before-and-after comparison.
    const event = fc.record({ n: fc.oneof(fc.integer(), text), type: fc.oneof(fc.constantFrom("view", "beat", "product", "cart", "checkout"), text), ago: fc.oneof(fc.nat({ max: 700_000 }), text) }, { requiredKeys: [] });
    const beaconFields = fc.record({ token: fc.oneof(fc.constant("real"), text), events: fc.oneof(fc.array(event, { maxLength: 70 }), text) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(segment(() => world.show.id), beaconFields, fc.boolean(), text, (showId, fields, raw, rawBody) => {
        const body = raw ? rawBody : JSON.stringify({ ...fields, token: fields.token === "real" ? viewerToken(world.show.id) : fields.token });
        return answersWithoutFailing(() => send(proxied(`/shows/${showId}/events`), { method: "POST", body, headers: { "content-type": "text/plain;charset=UTF-8" } }));
      }),
      { numRuns: RUNS },
    );
  });

  it(`the reminder confirmation: any token, asked and answered (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fieldsOf(["token"]), fc.boolean(), fieldsOf(["token"]), (query, post, form) =>
        answersWithoutFailing(() =>
          post
            ? send(proxied("/reminders/confirm", { query: paramsOf(query) }), { method: "POST", body: paramsOf(form).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } })
            : send(proxied("/reminders/confirm", { query: paramsOf(query) })),
        ),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("fuzzed creator-portal parameters, signed in", () => {
  // The intents that leave for Stripe are not fuzzed: they succeed (a redirect) by design.
  const portalIntent = fc.oneof(fc.constant("reveal_stream_key"), text.filter((intent) => !intent.startsWith("stripe_")));

  it(`the overview's commands: any intent, show id and extra fields (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(portalIntent, segment(() => world.show.id), fieldsOf(["intent", "showId"]), (intent, showId, extra) =>
        answersWithoutFailing(() => world.portal.send("/creator?index", paramsOf({ ...extra, intent, showId: decodeURIComponent(showId) }).toString(), "application/x-www-form-urlencoded")),
      ),
      { numRuns: RUNS },
    );
  });

  it(`the statements and their CSV: any month (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/creator/statements", "/creator/statements.csv"), fieldsOf(["month"]), (page, query) => answersWithoutFailing(() => world.portal.get(`${page}?${paramsOf(query)}`))),
      { numRuns: RUNS },
    );
  });

  it(`sign-in: any intent, address and token (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom("email_link", "use_link"), text), fieldsOf(["email", "token", "intent"]), (intent, fields) =>
        answersWithoutFailing(() => send("/creator/sign-in", { method: "POST", body: paramsOf({ ...fields, intent }), headers: { "user-agent": BROWSER_USER_AGENT } })),
      ),
      { numRuns: RUNS },
    );
  });
});
