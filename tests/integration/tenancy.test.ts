// Tenancy as a table: shop A, through every door that touches shows, creators, payouts or
// reminders (the admin's loaders and actions, the app proxy, the realtime stream, the creator
// portal, and Shopify's webhooks), asks for or acts on shop B's rows by their ids. Each row
// answers 404 or refuses, shows A nothing of B (titles, names, stream keys, codes, addresses),
// and leaves every row of B as it was (and A's too, where a refusal should write nothing). B is
// a shop with everything: a live show with sales and a pinned chat question, a payout and a matured unpaid commission, a
// scheduled show with a pinned product, a deal and reminders, a rehearsal, a creator who shares
// an email address with A's creator, and a customer data request.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { signConfirmationToken } from "~/storefront/confirmation-token";
import { sandboxAppSecret, sandboxShopify } from "../sandbox/config";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { stringifyRawJson } from "../sandbox/shopify/raw-json";
import type { SandboxChange, SandboxOrder } from "../sandbox/shopify/state";
import { webhookPayload } from "../sandbox/shopify/webhook-payloads";
import { fromNow } from "../support/clock";
import { newPreviewLink } from "../support/preview-link";
import {
  SHOW_CLAIM_KEY,
  buyFromShow,
  createPayoutShop,
  inviteThroughAdmin,
  liveShowHostedBy,
  onboardCreator,
  payoutShopLineup,
  signInLinkFor,
  type PayoutShop,
} from "../support/creator-payouts";
import { portalClient, type PortalClient } from "../support/portal-client";
import { shopData } from "../support/shop-data";
import { createShowThroughAdmin } from "../support/show-form";
import { startStack, type Stack } from "../support/stack";
import { openStorefrontShop, type StorefrontShop } from "../support/storefront-shop";

const SHARED_EMAIL = `host-${randomUUID().slice(0, 8)}@creators.example`;
const B_SHOPPER = `shopper-${randomUUID().slice(0, 8)}@b-shoppers.example`;
const B_CUSTOMER = "gid://shopify/Customer/7700000000042";
const B_DEAL_CODE = "BSHOW10";
const B_CHAT_LINE = "Only shop B's viewers read this";

interface ShopB extends PayoutShop {
  creatorId: string;
  live: { id: string; muxLiveStreamId: string };
  /** A viewer's question in B's live show's chat, pinned. */
  chatMessageId: string;
  scheduled: { id: string; muxLiveStreamId: string; showProductId: string; dealId: string };
  rehearsal: { id: string; previewToken: string };
  order: SandboxOrder;
  /** The guest's reminder, waiting for its confirmation. */
  reminderId: string;
  dataRequestId: string;
}

let stack: Stack;
let a: StorefrontShop & { creatorId: string; showId: string; portal: PortalClient };
let b: ShopB;
/** A third shop that only sends webhooks, for the topics whose sender could harm itself. */
const c = `tenant-c-${randomUUID().slice(0, 8)}.myshopify.com`;

// ---- setup ------------------------------------------------------------------------------------

const asPayoutShop = (shop: StorefrontShop): PayoutShop => ({ shop: shop.domain, admin: shop.admin, variant: shop.products.mug.variants[0]!, productId: shop.products.mug.id });

async function settled() {
  await Promise.all([stack.shopify.webhooks.settled(), stack.mux.webhooks.settled(), stack.stripe.webhooks.settled()]);
}

const viewerTokenFor = (showId: string) => signViewerToken(sandboxAppSecret, showId, fromNow({ minutes: 15 }), { viewerId: randomUUID(), preview: false });

function proxiedAs(shop: string, path: string, { customerId = "", query = new URLSearchParams() } = {}) {
  return `${stack.appUrl}/proxy${path}?${signProxyQuery(query, { shop, customerId, pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret })}`;
}

async function setUpShopB(): Promise<ShopB> {
  const target = await createPayoutShop(stack, "tenant-b");
  const creator = await inviteThroughAdmin(target, { name: "Bea of B", email: SHARED_EMAIL, percent: "10" });
  expect((await target.admin.post("/app/settings", { commissionHoldDays: "0", lowStockThreshold: "5" })).status).toBe(200);
  await onboardCreator(stack, target.shop, creator.id);
  const live = await liveShowHostedBy(stack, target, creator.id, { title: "B live show" });
  // Sales, a payout of them, then a sale that matured and waits for the next run.
  await buyFromShow(stack, target, live.id, 2);
  expect((await target.admin.post("/app/payouts", { intent: "run" })).status).toBe(200);
  await settled();
  const order = await buyFromShow(stack, target, live.id, 1);
  const chatted = await fetch(proxiedAs(target.shop, `/shows/${live.id}/chat`), {
    method: "POST",
    body: JSON.stringify({ token: viewerTokenFor(live.id), nickname: "Bo", body: B_CHAT_LINE, question: true }),
    headers: { "content-type": "application/json" },
  });
  expect(chatted.status).toBe(201);
  const chatMessageId = ((await chatted.json()) as { message: { id: string } }).message.id;
  expect((await target.admin.post(`/app/shows/${live.id}/chat`, { intent: "pin_message", messageId: chatMessageId })).status).toBe(200);

  const scheduledId = await createShowThroughAdmin(target.admin, payoutShopLineup(target), {
    title: "B scheduled show",
    hostName: "",
    dealEnabled: "on",
    dealKind: "percentage",
    dealAmount: "10",
    dealCode: B_DEAL_CODE,
    dealWindow: "show",
    dealMinutes: "30",
  });
  const scheduled = await prisma.show.findFirstOrThrow({ where: { id: scheduledId, shop: target.shop }, include: { products: true, deals: true } });
  expect(scheduled.deals).toHaveLength(1);
  const showProductId = scheduled.products[0]!.id;
  expect((await target.admin.post(`/app/shows/${scheduledId}`, { intent: "pin", showProductId })).status).toBe(200);
  const rehearsalId = await createShowThroughAdmin(target.admin, payoutShopLineup(target), { title: "B rehearsal", hostName: "", mode: "rehearsal" });
  const rehearsalPreview = await newPreviewLink(target.admin, target.shop, rehearsalId);

  const remind = (customerId: string, email: string) =>
    fetch(proxiedAs(target.shop, `/shows/${scheduledId}/reminders`, { customerId }), { method: "POST", body: JSON.stringify({ email }), headers: { "content-type": "application/json" } });
  expect((await remind("", B_SHOPPER)).status).toBe(201);
  expect((await remind(B_CUSTOMER.split("/").pop()!, "")).status).toBe(201);
  const reminder = await prisma.showReminder.findFirstOrThrow({ where: { shop: target.shop, showId: scheduledId, email: B_SHOPPER } });

  stack.shopify.state.requestCustomerData(target.shop, { id: B_CUSTOMER, email: B_SHOPPER });
  await settled();
  const dataRequest = await prisma.customerDataRequest.findFirstOrThrow({ where: { shop: target.shop } });

  return {
    ...target,
    creatorId: creator.id,
    live: { id: live.id, muxLiveStreamId: live.muxLiveStreamId! },
    chatMessageId,
    scheduled: { id: scheduledId, muxLiveStreamId: scheduled.muxLiveStreamId!, showProductId, dealId: scheduled.deals[0]!.id },
    rehearsal: { id: rehearsalId, previewToken: rehearsalPreview.token },
    order,
    reminderId: reminder.id,
    dataRequestId: dataRequest.id,
  };
}

async function setUpShopA() {
  const shop = await openStorefrontShop(stack);
  const since = Date.now();
  const creator = await inviteThroughAdmin(asPayoutShop(shop), { name: "Ada of A", email: SHARED_EMAIL, percent: "10" });
  const showId = await createShowThroughAdmin(shop.admin, [{ id: shop.products.mug.id, title: "Enamel Mug", handle: "enamel-mug", imageUrl: null }], { title: "A own show", hostName: "" });
  expect((await shop.admin.post(`/app/creators/${creator.id}`, { intent: "assign_show", showId, commissionPercent: "" })).status).toBe(200);
  const portal = portalClient(stack.appUrl);
  const link = await signInLinkFor(stack.mail, SHARED_EMAIL, since);
  expect((await portal.post("/creator/sign-in", { intent: "use_link", token: new URL(link).searchParams.get("token") ?? "" })).status).toBe(302);
  expect(await (await portal.get("/creator")).text()).toContain("Ada of A");
  return { ...shop, creatorId: creator.id, showId, portal };
}

beforeAll(async () => {
  stack = await startStack();
  b = await setUpShopB();
  a = await setUpShopA();
  await settled();
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

// ---- the table --------------------------------------------------------------------------------

interface TenancyRow {
  name: string;
  send(): Promise<Response>;
  /** Statuses that count as refused (or, for a list, as answered without B in it). */
  status: number[];
  /** A's own rows may change (a webhook's receipt, A's own payout run); B's never. */
  aWrites?: boolean;
  /** What else must hold afterwards. */
  verify?(): Promise<void>;
}

/** What A must never be shown of B. */
const bMarkers = () => [
  "B live show",
  "B scheduled show",
  "B rehearsal",
  "Bea of B",
  B_DEAL_CODE,
  B_SHOPPER,
  B_CHAT_LINE,
  stack.mux.liveStream(b.live.muxLiveStreamId)?.stream_key ?? "no key",
  stack.mux.liveStream(b.scheduled.muxLiveStreamId)?.stream_key ?? "no key",
];

const adminGet = (path: string) => a.admin.get(path);
const adminPost = (path: string, form: Record<string, string>) => a.admin.post(path, form);
const showCommand = (showId: string, form: Record<string, string>) => adminPost(`/app/shows/${showId}`, form);
const chatCommand = (showId: string, form: Record<string, string>) => adminPost(`/app/shows/${showId}/chat`, form);
const creatorCommand = (creatorId: string, form: Record<string, string>) => adminPost(`/app/creators/${creatorId}`, form);

function webhookFrom(shop: string, topic: string, change: SandboxChange): Promise<Response> {
  const info = { ...stack.shopify.state.getShop(b.shop), domain: shop };
  const body = stringifyRawJson(webhookPayload(change, info));
  return fetch(`${stack.appUrl}/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-hmac-sha256": createHmac("sha256", sandboxShopify.apiSecret).update(body).digest("base64"),
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": randomUUID(),
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  });
}

const at = () => new Date().toISOString();
const bProduct = () => stack.shopify.state.getShop(b.shop).products.find((product) => product.id === b.productId)!;

const ROWS: TenancyRow[] = [
  // The admin: loaders.
  { name: "admin GET B's show page → 404", status: [404], send: () => adminGet(`/app/shows/${b.scheduled.id}`) },
  { name: "admin GET B's live show page → 404", status: [404], send: () => adminGet(`/app/shows/${b.live.id}`) },
  { name: "admin GET A's shows list → without B's shows", status: [200], send: () => adminGet("/app/shows") },
  { name: "admin GET A's shows calendar → without B's shows", status: [200], send: () => adminGet("/app/shows?view=calendar") },
  { name: "admin GET B's creator page → 404", status: [404], send: () => adminGet(`/app/creators/${b.creatorId}`) },
  { name: "admin GET A's creators list → without B's creator", status: [200], send: () => adminGet("/app/creators") },
  { name: "admin GET B's creator's statement → 404", status: [404], send: () => adminGet(`/app/creators/${b.creatorId}/statement`) },
  { name: "admin GET B's creator's statement CSV → 404", status: [404], send: () => adminGet(`/app/creators/${b.creatorId}/statement.csv`) },
  { name: "admin GET B's creator's report CSV → 404", status: [404], send: () => adminGet(`/app/creators/${b.creatorId}/report.csv`) },
  { name: "admin GET B's privacy request report → 404", status: [404], send: () => adminGet(`/app/privacy-requests/${b.dataRequestId}.json`) },
  { name: "admin GET B's live show's report → 404", status: [404], send: () => adminGet(`/app/analytics/shows/${b.live.id}`) },
  { name: "admin GET B's rehearsal's report → 404", status: [404], send: () => adminGet(`/app/analytics/shows/${b.rehearsal.id}`) },
  { name: "admin GET A's analytics overview → without B's shows", status: [200], send: () => adminGet("/app/analytics") },
  {
    name: "admin GET A's analytics CSV → without B's shows or sales",
    status: [200],
    send: () => adminGet("/app/analytics.csv"),
    verify: async () => {
      const csv = await (await adminGet("/app/analytics.csv")).text();
      expect(csv.trim().split("\r\n"), "A's CSV holds only its header").toHaveLength(1);
    },
  },
  { name: "admin GET A's payouts page → without B's creator or balances", status: [200], send: () => adminGet("/app/payouts") },
  { name: "admin GET A's new-show form → without B's creator as a host", status: [200], send: () => adminGet("/app/shows/new") },
  // The lineup's stock on A's show page may warm A's own stock cache; B's rows stay as they are.
  { name: "admin GET A's show page → B's creator not offered as host", status: [200], aWrites: true, send: () => adminGet(`/app/shows/${a.showId}`) },
  { name: "admin GET A's settings → without B's privacy requests", status: [200], send: () => adminGet("/app/settings") },
  // The admin: the show page's commands on B's shows.
  { name: "admin reveal_key on B's show → no key", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "reveal_key" }) },
  {
    name: "admin reset_key on B's show → B's key unchanged in Mux",
    status: [200, 404],
    send: () => showCommand(b.scheduled.id, { intent: "reset_key" }),
    verify: async () => expect(stack.mux.liveStream(b.scheduled.muxLiveStreamId)?.stream_key).toBe(keyBefore),
  },
  { name: "admin create_stream on B's rehearsal", status: [200, 404], send: () => showCommand(b.rehearsal.id, { intent: "create_stream" }) },
  { name: "admin end_show on B's live show", status: [200, 404], send: () => showCommand(b.live.id, { intent: "end_show" }) },
  { name: "admin archive B's show", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "archive" }) },
  { name: "admin pin B's product on B's show", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "unpin", showProductId: b.scheduled.showProductId }) },
  { name: "admin pin B's product on A's show", status: [200, 404], send: () => showCommand(a.showId, { intent: "pin", showProductId: b.scheduled.showProductId }) },
  { name: "admin start a deal on B's live show", status: [200, 404], send: () => showCommand(b.live.id, { intent: "start_deal", kind: "percentage", amount: "20", minutes: "10" }) },
  { name: "admin stop B's deal on B's show", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "stop_deal", dealId: b.scheduled.dealId }) },
  { name: "admin stop B's deal through A's show", status: [200, 404], send: () => showCommand(a.showId, { intent: "stop_deal", dealId: b.scheduled.dealId }) },
  { name: "admin retry B's deal", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "retry_deal", dealId: b.scheduled.dealId, code: "STOLEN10" }) },
  { name: "admin plan a deal on B's show", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "plan_deal", dealKind: "percentage", dealAmount: "15", dealCode: "PLANB15", dealWindow: "show", dealMinutes: "20" }) },
  { name: "admin set A's creator as host of B's show", status: [200, 404], send: () => showCommand(b.scheduled.id, { intent: "set_host", creatorId: a.creatorId, hostName: "" }) },
  { name: "admin set B's creator as host of A's show", status: [200, 404], send: () => showCommand(a.showId, { intent: "set_host", creatorId: b.creatorId, hostName: "" }) },
  // The admin: the control room's chat moderation of B's live show.
  { name: "admin GET B's live show's chat → 404", status: [404], send: () => adminGet(`/app/shows/${b.live.id}/chat`) },
  { name: "admin hide B's chat message on B's show → 404, still shown", status: [404], send: () => chatCommand(b.live.id, { intent: "hide_message", messageId: b.chatMessageId }) },
  { name: "admin hide B's chat message through A's show → 404", status: [404], send: () => chatCommand(a.showId, { intent: "hide_message", messageId: b.chatMessageId }) },
  { name: "admin pin B's chat message on A's show → 404", status: [404], send: () => chatCommand(a.showId, { intent: "pin_message", messageId: b.chatMessageId }) },
  { name: "admin take down B's pinned question → 404, still pinned", status: [404], send: () => chatCommand(b.live.id, { intent: "unpin_message" }) },
  { name: "admin mark B's question answered → 404, no chapter", status: [404], send: () => chatCommand(b.live.id, { intent: "mark_answered", messageId: b.chatMessageId }) },
  { name: "admin turn B's chat off → 404, still on", status: [404], send: () => chatCommand(b.live.id, { intent: "set_chat", chat: "off" }) },
  { name: "admin slow mode on B's chat → 404", status: [404], send: () => chatCommand(b.live.id, { intent: "set_slow_mode", slowSeconds: "120" }) },
  { name: "admin new show hosted by B's creator → refused, no show", status: [200], send: () => newShowHostedBy(b.creatorId) },
  // The admin: the creator page's commands on B's creator.
  { name: "admin update B's creator's profile", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "update_profile", name: "Renamed by A", avatarUrl: "", bio: "", commissionPercent: "90" }) },
  { name: "admin resend B's creator's invitation → no link, no mail", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "resend_invitation" }), verify: noNewMailToSharedAddress },
  { name: "admin deactivate B's creator", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "deactivate" }) },
  { name: "admin reactivate B's creator", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "reactivate" }) },
  { name: "admin assign B's show to A's creator", status: [200, 404], send: () => creatorCommand(a.creatorId, { intent: "assign_show", showId: b.scheduled.id, commissionPercent: "" }) },
  { name: "admin assign A's show to B's creator", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "assign_show", showId: a.showId, commissionPercent: "" }) },
  { name: "admin unassign B's creator from B's live show", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "unassign_show", showId: b.live.id }) },
  { name: "admin refresh B's creator's Stripe status", status: [200, 404], send: () => creatorCommand(b.creatorId, { intent: "refresh_stripe" }) },
  // The admin: payouts, which run over every creator of the shop.
  {
    name: "admin run A's payouts → B's matured commission stays unpaid",
    status: [200],
    aWrites: true,
    send: () => adminPost("/app/payouts", { intent: "run" }),
    verify: async () => {
      const touched = [...(await prisma.payout.findMany({ where: { shop: a.domain } })), ...(await prisma.payoutSkip.findMany({ where: { shop: a.domain } }))];
      expect(touched.map((row) => row.creatorId)).not.toContain(b.creatorId);
    },
  },
  // The app proxy, signed for A.
  { name: "proxy bootstrap of B's show → 404", status: [404], send: () => fetch(proxiedAs(a.domain, `/shows/${b.scheduled.id}`)) },
  { name: "proxy bootstrap of B's live show → 404", status: [404], send: () => fetch(proxiedAs(a.domain, `/shows/${b.live.id}`)) },
  {
    name: "proxy bootstrap of B's rehearsal with B's own preview link → 404",
    status: [404],
    send: () => fetch(proxiedAs(a.domain, `/shows/${b.rehearsal.id}`, { query: new URLSearchParams({ preview: b.rehearsal.previewToken }) })),
  },
  // A's answer may warm A's own stock cache; B's rows stay as they are.
  { name: "proxy bootstrap of A's current show → not B's live show", status: [200, 404], aWrites: true, send: () => fetch(proxiedAs(a.domain, "/shows/current")) },
  {
    name: "proxy chat message to B's live show as A → 404, nothing posted",
    status: [404],
    send: () => fetch(proxiedAs(a.domain, `/shows/${b.live.id}/chat`), { method: "POST", body: JSON.stringify({ token: viewerTokenFor(b.live.id), nickname: "Intruder", body: "hello B" }), headers: { "content-type": "application/json" } }),
  },
  { name: "proxy chat of B's live show as A → 404, no messages", status: [404], send: () => fetch(proxiedAs(a.domain, `/shows/${b.live.id}/chat`)) },
  { name: "proxy calendar file of B's show → 404", status: [404], send: () => fetch(proxiedAs(a.domain, `/shows/${b.scheduled.id}/calendar.ics`)) },
  {
    name: "proxy 'Remind me' for B's show → 404, no reminder",
    status: [404],
    send: () => fetch(proxiedAs(a.domain, `/shows/${b.scheduled.id}/reminders`), { method: "POST", body: JSON.stringify({ email: "intruder@a-shoppers.example" }), headers: { "content-type": "application/json" } }),
  },
  {
    name: "proxy confirming B's reminder with B's own link → not confirmed",
    status: [200],
    send: () =>
      fetch(proxiedAs(a.domain, "/reminders/confirm"), {
        method: "POST",
        body: new URLSearchParams({ token: signConfirmationToken(sandboxAppSecret, b.reminderId, fromNow({ hours: 1 })) }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
  },
  {
    name: "proxy opening B's reminder confirmation → nothing of B shown",
    status: [200],
    send: () => fetch(proxiedAs(a.domain, "/reminders/confirm", { query: new URLSearchParams({ token: signConfirmationToken(sandboxAppSecret, b.reminderId, fromNow({ hours: 1 })) }) })),
  },
  // The realtime stream, asked for as A.
  { name: "realtime stream of B's live show as A → 404", status: [404], send: () => fetch(`${stack.appUrl}/realtime/shows/${b.live.id}?shop=${a.domain}`) },
  {
    name: "realtime stream of B's rehearsal as A with a valid viewer token → 404",
    status: [404],
    send: () => fetch(`${stack.appUrl}/realtime/shows/${b.rehearsal.id}?shop=${a.domain}&token=${signViewerToken(sandboxAppSecret, b.rehearsal.id, fromNow({ minutes: 5 }))}`),
  },
  // The creator portal, signed in as A's creator (the same person and address as B's).
  {
    name: "portal reveal the stream key of B's show (hosted by the same address in B) → refused",
    status: [200],
    send: () => a.portal.post("/creator?index", { intent: "reveal_stream_key", showId: b.live.id }),
  },
  { name: "portal overview → only A's shows and earnings", status: [200], send: () => a.portal.get("/creator") },
  { name: "portal statements → only A's", status: [200], send: () => a.portal.get("/creator/statements") },
  { name: "portal statement CSV → only A's", status: [200], send: () => a.portal.get("/creator/statements.csv") },
  // Shopify's webhooks: from A naming B's rows, or from a third shop C naming them.
  {
    name: "webhook orders/paid from A claiming B's live show → no commission",
    status: [200],
    aWrites: true,
    send: () => webhookFrom(a.domain, "orders/paid", { topic: "orders/paid", shop: a.domain, at: at(), order: claimedOrder() }),
    verify: async () => {
      expect(await prisma.commissionEntry.count({ where: { shop: a.domain } })).toBe(0);
      expect(await prisma.showSale.count({ where: { shop: a.domain } }), "A's order counted as a sale of B's show").toBe(0);
    },
  },
  {
    name: "webhook refunds/create from A for B's order → no clawback",
    status: [200, 503],
    aWrites: true,
    send: () => webhookFrom(a.domain, "refunds/create", { topic: "refunds/create", shop: a.domain, at: at(), order: b.order, refund: { id: "gid://shopify/Refund/990001", createdAt: at(), lines: [{ id: "gid://shopify/RefundLineItem/990001", lineId: b.order.lines[0]!.id, quantity: 1, subtotal: 10_000 }] } }),
  },
  {
    name: "webhook customers/redact from A for B's customer → B's reminders kept",
    status: [200],
    aWrites: true,
    send: () => webhookFrom(a.domain, "customers/redact", { topic: "customers/redact", shop: a.domain, at: at(), customer: { id: B_CUSTOMER, email: B_SHOPPER }, ordersToRedact: [] }),
  },
  {
    name: "webhook customers/data_request from A for B's customer → A's report holds nothing of B",
    status: [200],
    aWrites: true,
    send: () => webhookFrom(a.domain, "customers/data_request", { topic: "customers/data_request", shop: a.domain, at: at(), customer: { id: B_CUSTOMER, email: B_SHOPPER }, ordersRequested: [], dataRequestId: "gid://shopify/DataRequest/990042" }),
    verify: async () => {
      const request = await prisma.customerDataRequest.findFirstOrThrow({ where: { shop: a.domain } });
      const report = await adminGet(`/app/privacy-requests/${request.id}.json`);
      expect(report.status).toBe(200);
      // The report names the customer Shopify asked about (their email included); of B it holds nothing.
      const text = await report.text();
      for (const marker of [b.scheduled.id, b.live.id, "B scheduled show", "B live show", "Bea of B"]) expect(text).not.toContain(marker);
      expect((JSON.parse(text) as { data: Record<string, unknown[]> }).data).toEqual(expect.objectContaining({ showReminders: [] }));
    },
  },
  { name: "webhook products/update from C with B's product → B's lineup unchanged", status: [200], send: () => webhookFrom(c, "products/update", { topic: "products/update", shop: c, at: at(), product: { ...bProduct(), title: "Renamed by C", updatedAt: at() } }) },
  { name: "webhook products/delete from C with B's product → B's lineup unchanged", status: [200], send: () => webhookFrom(c, "products/delete", { topic: "products/delete", shop: c, at: at(), productId: b.productId }) },
  {
    name: "webhook inventory_items/update from C with B's item → B's stock unchanged",
    status: [200],
    send: () => webhookFrom(c, "inventory_items/update", { topic: "inventory_items/update", shop: c, at: at(), inventoryItem: { ...b.variant.inventoryItem, tracked: false, updatedAt: at() }, variant: b.variant }),
  },
  {
    name: "webhook inventory_levels/update from C with B's item → B's stock unchanged",
    status: [200],
    send: () => {
      const level = b.variant.inventoryItem.levels[0]!;
      return webhookFrom(c, "inventory_levels/update", { topic: "inventory_levels/update", shop: c, at: at(), levelId: level.id, inventoryItemId: b.variant.inventoryItem.id, locationId: level.locationId, available: 0, updatedAt: at() });
    },
  },
  { name: "webhook shop/redact from C → B's data kept", status: [200], send: () => webhookFrom(c, "shop/redact", { topic: "shop/redact", shop: c, at: at(), shopId: "gid://shopify/Shop/990003" }) },
  {
    name: "webhook app/uninstalled from C → B still installed",
    status: [200],
    send: () => {
      const { products: _products, orders: _orders, discounts: _discounts, ...snapshot } = { ...stack.shopify.state.getShop(b.shop), domain: c };
      return webhookFrom(c, "app/uninstalled", { topic: "app/uninstalled", shop: c, at: at(), shopSnapshot: snapshot });
    },
  },
];

let keyBefore: string | undefined;

/** A paid order in A whose line claims B's live show, as a shopper who copied the line property could make. */
function claimedOrder(): SandboxOrder {
  const mug = a.products.mug.variants[0]!;
  return {
    id: `gid://shopify/Order/${Date.now()}`,
    name: "#A1001",
    createdAt: at(),
    currencyCode: "SEK",
    presentment: { currencyCode: "SEK", subtotal: 59700, total: 59700 },
    lines: [{ id: `gid://shopify/LineItem/${Date.now()}`, variantId: mug.id, productId: a.products.mug.id, title: "Enamel Mug", quantity: 3, price: 19900, discount: 0, presentment: { price: 19900, discount: 0 }, properties: [{ name: SHOW_CLAIM_KEY, value: b.live.id }] }],
    attributes: [],
    discountCodes: [],
    discountApplications: [],
    subtotal: 59700,
    total: 59700,
    refunds: [],
  };
}

async function newShowHostedBy(creatorId: string): Promise<Response> {
  const response = await adminPost("/app/shows/new", {
    title: "A show with B's host",
    description: "",
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 16),
    durationMinutes: "45",
    mode: "public",
    creatorId,
    hostName: "",
    products: JSON.stringify([{ id: a.products.mug.id, title: "Enamel Mug", handle: "enamel-mug", imageUrl: null }]),
  });
  expect(await response.clone().text()).toContain("This creator does not exist in your shop");
  return response;
}

let mailsBefore = 0;
async function noNewMailToSharedAddress() {
  expect(stack.mail.messages.filter((message) => message.to.includes(SHARED_EMAIL)).length).toBe(mailsBefore);
}

describe(`tenancy: shop A reaching for shop B's rows (${ROWS.length} rows)`, () => {
  for (const row of ROWS) {
    it(row.name, async () => {
      await settled();
      keyBefore = stack.mux.liveStream(b.scheduled.muxLiveStreamId)?.stream_key;
      mailsBefore = stack.mail.messages.filter((message) => message.to.includes(SHARED_EMAIL)).length;
      const [bBefore, aBefore] = [await shopData([b.shop]), await shopData([a.domain])];
      const response = await row.send();
      const body = await response.text();
      expect(row.status, `${response.status}: ${body.slice(0, 300)}`).toContain(response.status);
      await settled();
      expect(await shopData([b.shop]), "B's rows changed").toEqual(bBefore);
      if (!row.aWrites) expect(await shopData([a.domain]), "A's rows changed").toEqual(aBefore);
      for (const marker of bMarkers()) expect(body, `A was shown "${marker}"`).not.toContain(marker);
      await row.verify?.();
    });
  }
});
