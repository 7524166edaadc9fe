// The show page's live view: the show's events (status, stock, viewers) and its private figures
// (sales, stock corrections) over Server-Sent Events, from a second hub on the same bus as the
// shoppers' (the same ordering, resume and fan-out), which alone subscribes to the private channel.
// Transport-free: control-room-node.server.ts carries the answer over a Node socket.
import prisma from "~/db.server";
import { env } from "~/env.server";
import { ADMIN_TICKET_TTL_MS, checkAdminTicket, signAdminTicket } from "~/realtime/admin-ticket.server";
import { privateChannel } from "~/realtime/bus";
import { realtimeConfig } from "~/realtime/config.server";
import { ConnectionLimiter } from "~/realtime/connection-limiter";
import type { RealtimeHub } from "~/realtime/hub.server";
import { admitToHub, configuredHub } from "~/realtime/hub-stream.server";
import { EVENT_STREAM_HEADERS, streamRefusal, type StreamAnswer } from "~/realtime/stream-answer.server";
import { readEventSeq } from "~/storefront/show-snapshot.server";
import { SHOP_DOMAIN } from "~/storefront/show-stream.server";
import { realtime } from "~/storefront/show-stream-hub.server";
import { loadControlRoomSnapshot } from "./control-room-snapshot.server";

declare global {
  // One hub and one limiter per process, also across Vite's module reloads in development.
  var liveShowsControlRoom: { hub: RealtimeHub; limiter: ConnectionLimiter } | undefined;
}

function controlRoom() {
  if (!globalThis.liveShowsControlRoom) {
    const config = realtimeConfig();
    globalThis.liveShowsControlRoom = {
      hub: configuredHub({ readEventSeq, loadSnapshot: loadControlRoomSnapshot, privateChannel }),
      limiter: new ConnectionLimiter(config.REALTIME_MAX_CONNECTIONS_PER_ADDRESS),
    };
  }
  return globalThis.liveShowsControlRoom;
}

/** Ends every open admin stream (the pages reconnect to another instance) and leaves the bus. */
export async function closeControlRoom() {
  const state = globalThis.liveShowsControlRoom;
  globalThis.liveShowsControlRoom = undefined;
  await state?.hub.close();
}

export interface AdminStreamTicket {
  /** The stream's address on the app's own origin, ticket included. */
  url: string;
  expiresAt: string;
}

/** A ticket for the shop's show page to open the show's stream with; null when the shop has no such show. */
export async function issueAdminStreamTicket(shop: string, showId: string, now = new Date()): Promise<AdminStreamTicket | null> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { id: true } });
  if (!show) return null;
  const expiresAt = new Date(now.getTime() + ADMIN_TICKET_TTL_MS);
  const query = new URLSearchParams({ shop, ticket: signAdminTicket(env().APP_SECRET, shop, showId, expiresAt) });
  return { url: `/realtime/admin/shows/${encodeURIComponent(showId)}?${query}`, expiresAt: expiresAt.toISOString() };
}

export interface AdminStreamRequest {
  method: string;
  showId: string;
  shop: string | null;
  ticket: string | null;
  lastEventId: string | null;
  clientAddress: string;
}

/**
 * Same-origin only: the page is served from the app's origin, so the answer has no CORS headers
 * and no other site's script can read it, whatever ticket it holds.
 */
export async function answerAdminStream(request: AdminStreamRequest): Promise<StreamAnswer> {
  if (request.method !== "GET") return streamRefusal(405, "Use GET (EventSource)", { Allow: "GET" });
  const shop = request.shop?.toLowerCase() ?? "";
  if (!SHOP_DOMAIN.test(shop)) return streamRefusal(400, "The shop query parameter must be the shop's myshopify.com domain");
  const ticket = checkAdminTicket(env().APP_SECRET, request.ticket, shop, request.showId);
  if (!ticket.ok) return streamRefusal(401, ticket.reason);
  const show = await prisma.show.findFirst({ where: { id: request.showId, shop }, select: { id: true } });
  if (!show) return streamRefusal(404, `Show ${request.showId} of ${shop} does not exist`);

  const { hub, limiter } = controlRoom();
  return admitToHub({
    hub,
    limiter,
    shop,
    showId: request.showId,
    clientAddress: request.clientAddress,
    lastEventId: request.lastEventId,
    headers: EVENT_STREAM_HEADERS,
    // While the merchant watches the numbers, this instance recounts the show's viewers.
    onAttach: (sink) => sink.onClose(realtime().presence.watch(shop, request.showId)),
  });
}
