// Whether a request may open a show's stream, and what it gets when it may. Transport-free:
// node-stream.server.ts carries the answer over a Node socket.
import prisma from "~/db.server";
import { env } from "~/env.server";
import { corsHeaders, normalizeOrigin, storefrontOrigins } from "~/realtime/cors";
import { admitToHub } from "~/realtime/hub-stream.server";
import { realtime } from "./show-stream-hub.server";
import { EVENT_STREAM_HEADERS, streamRefusal as reply, type StreamAnswer } from "~/realtime/stream-answer.server";
import { readViewerToken } from "~/realtime/viewer-token.server";

export interface StreamRequest {
  method: string;
  showId: string;
  shop: string | null;
  origin: string | null;
  lastEventId: string | null;
  clientAddress: string;
  viewerToken: string | null;
}

/** Shows a viewer may follow: announced, on air, or over with a replay to come. */
const STREAMABLE_STATUSES = new Set(["scheduled", "live", "ended", "replay_ready"]);
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

interface ShowAccess {
  status: string;
  mode: string;
  /** Until when the rehearsal's preview link works: revoked or expired, its viewers are turned away too. */
  previewExpiresAt: Date | null;
  origins: Set<string>;
}

const ACCESS_MAX_AGE_MS = 5_000;
const accessCache = new Map<string, { access: Promise<ShowAccess | null>; at: number }>();

/**
 * Who may open the stream changes rarely (a show going public, a new storefront domain), and a
 * crowd arrives at once: the answer is kept a few seconds so a thousand connects cost one read.
 */
function showAccess(shop: string, showId: string): Promise<ShowAccess | null> {
  const key = `${shop} ${showId}`;
  const cached = accessCache.get(key);
  if (cached && Date.now() - cached.at < ACCESS_MAX_AGE_MS) return cached.access;
  if (accessCache.size > 10_000) accessCache.clear();
  const access = readShowAccess(shop, showId);
  accessCache.set(key, { access, at: Date.now() });
  access.catch(() => accessCache.delete(key));
  return access;
}

async function readShowAccess(shop: string, showId: string): Promise<ShowAccess | null> {
  const [show, shopRow] = await Promise.all([
    prisma.show.findFirst({ where: { id: showId, shop }, select: { status: true, mode: true, previewExpiresAt: true } }),
    prisma.shop.findUnique({ where: { domain: shop }, select: { storefrontOrigins: true } }),
  ]);
  if (!show) return null;
  return { ...show, origins: storefrontOrigins(shop, shopRow?.storefrontOrigins ?? "") };
}

export async function answerShowStream(request: StreamRequest): Promise<StreamAnswer> {
  if (request.method !== "GET" && request.method !== "OPTIONS") return reply(405, "Use GET (EventSource)", { Allow: "GET, OPTIONS" });
  const shop = request.shop?.toLowerCase() ?? "";
  if (!SHOP_DOMAIN.test(shop)) return reply(400, "The shop query parameter must be the shop's myshopify.com domain");

  const access = await showAccess(shop, request.showId);
  if (!access || !STREAMABLE_STATUSES.has(access.status)) return reply(404, `Show ${request.showId} of ${shop} has no stream`);

  // Without an Origin the request is not a cross-origin browser request; CORS has nothing to say.
  const origin = request.origin === null ? null : normalizeOrigin(request.origin);
  if (request.origin !== null && (!origin || !access.origins.has(origin))) {
    return reply(403, `Origin ${request.origin} is not one of ${shop}'s storefront domains`);
  }
  if (request.method === "OPTIONS") {
    return {
      kind: "reply",
      status: 204,
      headers: {
        ...corsHeaders(origin),
        "Access-Control-Allow-Methods": "GET",
        "Access-Control-Allow-Headers": "Last-Event-ID, Cache-Control",
        "Access-Control-Max-Age": "600",
      },
      body: "",
    };
  }
  // The hook for rehearsals: only holders of a signed viewer token see them, and only while the
  // preview link works (revoking it turns them away). A token that is missing, forged, for another
  // show or expired, or a link revoked, is a credential problem (401), not a ban.
  const token = readViewerToken(env().APP_SECRET, request.viewerToken, request.showId);
  const previewOpen = access.previewExpiresAt !== null && access.previewExpiresAt.getTime() > Date.now();
  if (access.mode !== "public" && !(token && previewOpen)) {
    return reply(401, `Show ${request.showId} is a rehearsal: open it with a current viewer token from its preview link`);
  }
  // Counted once per viewer across instances; someone rehearsing through a preview link is not an audience.
  const counted = token?.viewer && !token.viewer.preview ? token.viewer.viewerId : null;

  const { hub, limiter, presence } = realtime();
  return admitToHub({
    hub,
    limiter,
    shop,
    showId: request.showId,
    clientAddress: request.clientAddress,
    lastEventId: request.lastEventId,
    headers: { ...EVENT_STREAM_HEADERS, ...corsHeaders(origin) },
    onAttach: (sink) => {
      if (counted) sink.onClose(presence.join(shop, request.showId, counted));
    },
  });
}
