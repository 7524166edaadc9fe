// The encoder's state on the show page's stream, through the built app and the sandbox Mux, whose
// webhooks come in Mux's order: the encoder connects (connecting, then live as the show goes live),
// drops (disconnected, the show still live, with when it stops waiting), comes back inside the
// reconnect window (live again, the show never left the air), and drops for good (idle, the show
// ended). A connected that Mux delivers late, after active, leaves the encoder live. A page that
// opens the stream after a drop reads it from the snapshot.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ControlRoomSnapshot } from "~/analytics/control-room-snapshot.server";
import prisma from "~/db.server";
import { signAdminTicket } from "~/realtime/admin-ticket.server";
import type { EncoderEventData, StatusEventData } from "~/realtime/events";
import { sandboxAppSecret, sandboxMux } from "../sandbox/config";
import type { MuxWebhookEvent } from "../sandbox/mux/webhook-events";
import { muxSignatureHeader } from "../sandbox/mux/webhook-signature";
import { dataOf, openEventStream, type EventStream, type SseMessage } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { STOREFRONT_TIMEZONE, createShow, openStorefrontShop, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;
let show: CreatedShow;
/** The show page's stream, open from before the encoder connects to the end. */
let page: EventStream;
const streams: EventStream[] = [];

beforeAll(async () => {
  // Each stream that opens reads its snapshot afresh (else it may get one up to two seconds old).
  stack = await startStack({ env: { REALTIME_SNAPSHOT_MAX_AGE_MS: "1" } });
  shop = await openStorefrontShop(stack);
  show = await createShow(shop, { title: "Wool socks, live", products: [shop.products.mug] });
  page = await openShowPageStream();
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await stack?.close();
});

async function openShowPageStream(): Promise<EventStream> {
  const ticket = signAdminTicket(sandboxAppSecret, shop.domain, show.id, new Date(Date.now() + 60_000));
  const stream = await openEventStream(`${stack.app.url}/realtime/admin/shows/${show.id}?shop=${shop.domain}&ticket=${ticket}`);
  expect(stream.status).toBe(200);
  streams.push(stream);
  return stream;
}

/** What the page hears of the show ("encoder live", "status ended"), in order, up to the one wanted; other events pass. */
async function heardUntil(wanted: string): Promise<string[]> {
  const heard: string[] = [];
  for (;;) {
    const message: SseMessage = await page.next();
    if (message.event === "encoder") heard.push(`encoder ${dataOf<EncoderEventData>(message).state}`);
    else if (message.event === "status") heard.push(`status ${dataOf<StatusEventData>(message).status}`);
    else continue;
    if (heard.at(-1) === wanted) return heard;
  }
}

/** Mux's webhooks for the show's stream so far, by type. */
const webhooksOf = (type: string): MuxWebhookEvent[] =>
  stack.mux.webhooks.events().filter((event) => event.type === type && event.object.id === show.muxLiveStreamId);

const stored = () => prisma.show.findUniqueOrThrow({ where: { id: show.id } });

describe("the encoder's state on the show page", () => {
  it("opens idle, then says connecting before the show goes live, and live with it", async () => {
    const snapshot = dataOf<ControlRoomSnapshot>(await page.next());
    expect(snapshot.encoder).toMatchObject({ state: "idle", reconnectUntilLabel: null });

    await stack.mux.connectEncoder(show.muxLiveStreamId);
    // connected and recording say connecting; active says live, and the show's status follows.
    expect(await heardUntil("status live")).toEqual(["encoder connecting", "encoder connecting", "encoder live", "status live"]);
    expect(await stored()).toMatchObject({ status: "live", encoderState: "live", encoderStateAt: new Date(webhooksOf("video.live_stream.active")[0]!.created_at) });
  
    // Mux delivers the connected again (a new delivery id) after active: the encoder stays live, and the page hears nothing.
    const connected = webhooksOf("video.live_stream.connected")[0]!;
    const late = JSON.stringify({ ...connected, id: randomUUID() });
    const answer = await fetch(`${stack.appUrl}/webhooks/mux`, {
      method: "POST",
      body: late,
      headers: { "content-type": "application/json", "mux-signature": muxSignatureHeader(late, sandboxMux.webhookSecret) },
    });
    expect(answer.status).toBe(200);
    expect(await stored()).toMatchObject({ encoderState: "live" });
    expect(await prisma.showEvent.count({ where: { showId: show.id, type: "encoder" } })).toBe(3);
  });

  it("says the encoder dropped while the show stays live, until the end of the reconnect window", async () => {
    await stack.mux.disconnectEncoder(show.muxLiveStreamId);
    expect(await heardUntil("encoder disconnected")).toEqual(["encoder disconnected"]);
    const drop = page.received.at(-1)!;

    // The app creates every stream with a 60 s reconnect window; Mux's event says so too.
    const dropped = webhooksOf("video.live_stream.disconnected")[0]!;
    const until = new Date(Date.parse(dropped.created_at) + 60_000);
    expect(await stored()).toMatchObject({ status: "live", encoderState: "disconnected", encoderReconnectUntil: until });
    const label = new Intl.DateTimeFormat("en", { timeStyle: "medium", timeZone: STOREFRONT_TIMEZONE }).format(until);
    expect(dataOf<EncoderEventData>(drop).reconnectUntilLabel).toBe(label);

    // A page that opens now (or reconnects) reads the drop from its snapshot.
    const later = await openShowPageStream();
    const snapshot = dataOf<ControlRoomSnapshot>(await later.next());
    expect(snapshot).toMatchObject({ status: "live", encoder: { state: "disconnected", reconnectUntilLabel: label } });
    later.close();
  });

  it("is live again when the encoder comes back inside the window, and the show never left the air", async () => {
    await stack.mux.connectEncoder(show.muxLiveStreamId);
    // Mux sends connected and recording, no second active: the recording on a still-active stream says live.
    expect(await heardUntil("encoder live")).toEqual(["encoder connecting", "encoder live"]);
    await stack.mux.webhooks.settled();
    expect(webhooksOf("video.live_stream.active")).toHaveLength(1);
    expect(await stored()).toMatchObject({ status: "live", encoderState: "live", encoderReconnectUntil: null });
  });

  it("goes idle when the window passes without the encoder, and the show ends", async () => {
    await stack.mux.disconnectEncoder(show.muxLiveStreamId);
    await heardUntil("encoder disconnected");
    stack.mux.endReconnectWindow(show.muxLiveStreamId);
    // The idle webhook ends the show: its status follows the encoder's state on the stream.
    expect(await heardUntil("status ended")).toEqual(["encoder idle", "status ended"]);
    expect(await stored()).toMatchObject({ status: "ended", encoderState: "idle" });
  });
});
