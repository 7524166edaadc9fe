// Whether a request may open a show's stream, and what it gets when it may. Transport-free:
// node-stream.server.ts carries the answer over a Node socket.
import prisma from "~/db.server";
import { env } from "~/env.server";
import { corsHeaders, normalizeOrigin, storefrontOrigins } from "~/realtime/cors";
import { retryFrame } from "~/realtime/frame";
import { realtime } from "./show-stream-hub.server";
import { realtimeConfig } from "~/realtime/config.server";
import type { SseSink } from "~/realtime/sink";
import { verifyViewerToken } from "~/realtime/viewer-token.server";

export interface StreamRequest {
  method: string;
  showId: string;
  shop: string | null;
  origin: string | null;
  lastEventId: string | null;
  clientAddress: string;
  viewerToken: string | null;
}

export type StreamAnswer =
  | { kind: "reply"; status: number; headers: Record<string, string>; body: string }
  | { kind: "stream"; headers: Record<string, string>; attach(sink: SseSink): void };

/** Shows a viewer may follow: announced, on air, or over with a replay to come. */
const STREAMABLE_STATUSES = new Set(["scheduled", "live", "ended", "replay_ready"]);
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

interface ShowAccess {
  status: string;
  mode: string;
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
    prisma.show.findFirst({ where: { id: showId, shop }, select: { status: true, mode: true } }),
    prisma.shop.findUnique({ where: { domain: shop }, select: { storefrontOrigins: true } }),
  ]);
  if (!show) return null;
  return { ...show, origins: storefrontOrigins(shop, shopRow?.storefrontOrigins ?? "") };
}

function reply(status: number, message: string, headers: Record<string, string> = {}): StreamAnswer {
  return {
    kind: "reply",
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify({ error: message }),
  };
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
  // The hook for rehearsals: only holders of a signed viewer token see them. A token that is
  // missing, forged, for another show or expired is a credential problem (401), not a ban.
  if (access.mode !== "public" && !verifyViewerToken(env().APP_SECRET, request.viewerToken, request.showId)) {
    return reply(401, `Show ${request.showId} is a rehearsal: open it with a current viewer token from its preview link`);
  }

  const { hub, limiter } = realtime();
  if (!limiter.acquire(request.clientAddress)) {
    return reply(429, "Too many open streams from this address", { "Retry-After": "30" });
  }
  try {
    // Subscribed before answering: from here on, no event of this show is missed.
    await hub.channel(shop, request.showId);
  } catch (error) {
    limiter.release(request.clientAddress);
    throw error;
  }
  const lastSeq = request.lastEventId && /^\d{1,15}$/.test(request.lastEventId) ? Number(request.lastEventId) : null;
  return {
    kind: "stream",
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // nginx and similar proxies would otherwise hold events back in their buffers.
      "X-Accel-Buffering": "no",
      ...corsHeaders(origin),
    },
    attach(sink) {
      sink.onClose(() => limiter.release(request.clientAddress));
      sink.write(retryFrame(realtimeConfig().REALTIME_RETRY_MS));
      void hub.join(shop, request.showId, sink, lastSeq);
    },
  };
}
