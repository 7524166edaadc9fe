// The storefront's viewer beacons, in: verified (the app proxy's signature names the shop, the
// viewer token the show and the viewer), summed in memory, and written every few seconds in a
// few statements (viewer-store.server.ts). 10,000 viewers beating every 15 s are about 700
// events a second; the database sees one flush per interval. A crash loses what arrived since
// the last flush; a clean stop flushes first.
import prisma from "~/db.server";
import { env } from "~/env.server";
import { startTicker, type Ticker } from "~/jobs/ticker";
import { log } from "~/lib/log.server";
import { readViewerToken } from "~/realtime/viewer-token.server";
import { readBriefly, type BriefCache } from "~/storefront/brief-cache.server";
import { parseBeacon } from "./beacon-input";
import { ViewerActivityBuffer } from "./viewer-activity";
import { writeViewerActivity } from "./viewer-store.server";
import { announceAddToCarts } from "./live-figures.server";

/**
 * A viewer token lives 15 minutes, but nothing makes the storefront fetch a new one while its
 * stream stays open: beacons are taken from a token this long past its expiry. The signature
 * still proves the app issued it, for this show.
 */
const TOKEN_GRACE_MS = 6 * 60 * 60_000;
/** Sales count while a show is live and in replay (commissions/claim-check.ts); so do viewers. */
const COUNTED_STATUSES = new Set(["live", "ended", "replay_ready"]);
const SHOW_CACHE: BriefCache<CountedShow | null> = new Map();
const SHOW_CACHE_POLICY = { maxAgeMs: 10_000, maxEntries: 10_000 };

interface CountedShow {
  counted: boolean;
}

export interface BeaconAnswer {
  status: 202 | 400 | 401 | 404 | 413 | 429 | 503;
  body: { counted: number; ignored: number } | { error: string; reason: string };
}

const buffer = new ViewerActivityBuffer();

/** Counts a beacon from the storefront of `shop` (already verified) for `showId`. */
export async function receiveViewerBeacon(shop: string, showId: string, text: string, now = Date.now()): Promise<BeaconAnswer> {
  const parsed = parseBeacon(text);
  if (!parsed.ok) return refusal(parsed.status, parsed.status === 413 ? "too_many_events" : "malformed", parsed.reason);
  const token = readViewerToken(env().APP_SECRET, parsed.body.token, showId, new Date(now - TOKEN_GRACE_MS));
  if (!token) return refusal(401, "bad_token", `The viewer token is not one this app issued for show ${showId}, or expired long ago`);
  const show = await findShow(shop, showId, now);
  if (!show) return refusal(404, "unknown_show", `${shop} has no show ${showId}`);
  // A preview link's viewers are the merchant's own rehearsal, and a token from before viewers
  // had ids names nobody to count once: taken, never counted.
  if (!show.counted || !token.viewer || token.viewer.preview) return { status: 202, body: { counted: 0, ignored: parsed.body.events.length } };
  const verdict = buffer.add({
    shop,
    showId,
    viewerId: token.viewer.viewerId,
    receivedAt: now,
    events: parsed.body.events.map((event) => ({ n: event.n, type: event.type, at: now - event.ago })),
  });
  if (!verdict.ok) {
    return verdict.reason === "rate_limited"
      ? refusal(429, "rate_limited", "This viewer sent more events in the last minute than a player does")
      : refusal(503, "busy", "Too many viewers on this app instance; try again later");
  }
  return { status: 202, body: { counted: verdict.counted, ignored: verdict.ignored } };
}

function refusal(status: BeaconAnswer["status"], reason: string, error: string): BeaconAnswer {
  return { status, body: { error, reason } };
}

/** Whether the show is this shop's, and whether its viewers count; read at most every 10 s per show. */
function findShow(shop: string, showId: string, now: number): Promise<CountedShow | null> {
  return readBriefly(SHOW_CACHE, `${shop} ${showId}`, SHOW_CACHE_POLICY, now, async () => {
    const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { status: true, mode: true } });
    return show && { counted: show.mode === "public" && COUNTED_STATUSES.has(show.status) };
  });
}

let flushes: Promise<void> = Promise.resolve();

/**
 * Writes what this instance has summed since the last flush. Flushes run one after another; a
 * failed write keeps its activity for the next one (a database restart loses nothing).
 */
export function flushViewerActivity(): Promise<void> {
  const flush = flushes.then(async () => {
    buffer.prune(Date.now());
    if (!buffer.pending) return;
    const activity = buffer.drain();
    try {
      await writeViewerActivity(activity);
    } catch (error) {
      buffer.restore(activity);
      log.warn({ err: error }, "[analytics] writing viewer activity failed; it is kept for the next flush");
      return;
    }
    await announceAddToCarts(activity.minutes);
  });
  flushes = flush.catch(() => undefined);
  return flush;
}

let ticker: Ticker | null = null;

export function startViewerActivityFlush(): void {
  if (ticker) return;
  ticker = startTicker("viewer analytics", env().ANALYTICS_FLUSH_SECONDS * 1000, flushViewerActivity);
}

/** Stops the timer and writes what is left, so a clean stop loses no viewer's minute. */
export async function stopViewerActivityFlush(): Promise<void> {
  await ticker?.stop();
  ticker = null;
  await flushViewerActivity();
}
