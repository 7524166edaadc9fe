// Hearts: viewers tap, the player sends its taps in small batches through the app proxy
// (proxy.shows.$showId_.hearts.tsx), and each instance adds what it received in one window to
// Show.hearts with one UPDATE, never one write per tap. The viewers hear the total at most once a
// second per show across instances: an instance tells them only after it moved heartsToldAt on
// from the value it read (a compare-and-set: the claim on this second), so two instances never
// both tell. An instance that counted taps looks again once the second is over, until the total
// it added has been told, by it or by another. Taps still in a window when an instance stops are
// lost: a heart is worth less than a write per tap.
import prisma from "~/db.server";
import { log } from "~/lib/log.server";
import type { ProxyCaller } from "~/storefront/app-proxy.server";
import { WindowBatcher } from "./chat-batcher";
import { CHAT_WINDOW_MS, tellChatViewers } from "./chat-broadcast.server";
import { chatViewerOf } from "./chat-viewer.server";
import { HEART_SENDS_PER_VIEWER, HEARTS_TELL_INTERVAL_MS, MemoryBuckets, type HeartsInput } from "./hearts";
import { retryAfterSeconds } from "./token-bucket";

export type HeartsRefusalReason = "unknown_show" | "viewer_token" | "not_live" | "rate_limited";

export type HeartsResult =
  | { counted: true; taps: number }
  | { counted: false; status: 401 | 404 | 409 | 429; reason: HeartsRefusalReason; error: string; retryAfterSeconds?: number };

interface HeartsState {
  counted: WindowBatcher<number>;
  sends: MemoryBuckets;
  /** Shows this instance looks at again once their second is over. */
  lookAgain: Map<string, NodeJS.Timeout>;
}

declare global {
  // One per process, also across Vite's module reloads in development.
  var liveShowsHearts: HeartsState | undefined;
}

function state(): HeartsState {
  return (globalThis.liveShowsHearts ??= { counted: new WindowBatcher(CHAT_WINDOW_MS, addHearts), sends: new MemoryBuckets(HEART_SENDS_PER_VIEWER), lookAgain: new Map() });
}

const keyOf = (shop: string, showId: string) => JSON.stringify([shop, showId]);

/** Counts a viewer's taps toward the show's hearts; refused with a reason, counting nothing. */
export async function countHearts(caller: ProxyCaller, showId: string, input: HeartsInput, now = new Date()): Promise<HeartsResult> {
  const { shop } = caller;
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { status: true } });
  if (!show) return { counted: false, status: 404, reason: "unknown_show", error: `${shop} has no show ${showId}` };
  const viewerId = chatViewerOf(input.token, showId, now);
  if (!viewerId) return { counted: false, status: 401, reason: "viewer_token", error: "The viewer token is not valid for this show, or has expired: load the show again" };
  if (show.status !== "live") return { counted: false, status: 409, reason: "not_live", error: "Hearts count while the show is live" };
  const take = state().sends.take(`${showId}\n${viewerId}`, now.getTime());
  if (!take.allowed) {
    const wait = retryAfterSeconds(take.retryAfterMs);
    return { counted: false, status: 429, reason: "rate_limited", error: `Hearts are sent too often: send the taps together, again in ${wait} s.`, retryAfterSeconds: wait };
  }
  state().counted.add(keyOf(shop, showId), input.taps);
  return { counted: true, taps: input.taps };
}

/** Writes every open window's taps now and tells the viewers where it is due (tests, shutdown). */
export function flushHearts(): Promise<void> {
  return state().counted.flush();
}

async function addHearts(key: string, taps: number[]): Promise<void> {
  const [shop, showId] = JSON.parse(key) as [string, string];
  try {
    await prisma.show.updateMany({ where: { id: showId, shop }, data: { hearts: { increment: taps.reduce((sum, count) => sum + count, 0) } } });
    await tellWhenDue(shop, showId);
  } catch (error) {
    log.warn(`[hearts] ${shop} show ${showId}: ${taps.length} sends of hearts were not counted (${(error as Error).message})`);
  }
}

async function tellWhenDue(shop: string, showId: string): Promise<void> {
  const again = await tellHeartsIfDue(shop, showId);
  if (again === null) return;
  const { lookAgain } = state();
  const key = keyOf(shop, showId);
  // One look per show per instance is enough: it reads the total when it runs.
  if (lookAgain.has(key)) return;
  const timer = setTimeout(() => {
    lookAgain.delete(key);
    tellWhenDue(shop, showId).catch((error: unknown) => log.warn(`[hearts] ${shop} show ${showId}: the viewers were not told the hearts (${(error as Error).message})`));
  }, Math.max(0, again - Date.now()));
  timer.unref();
  lookAgain.set(key, timer);
}

/**
 * Tells the viewers the show's hearts when they have not heard this total and their last telling
 * is a second old, claiming the second first. Returns when to look again (ms since the epoch),
 * or null when there is nothing left to tell.
 */
export async function tellHeartsIfDue(shop: string, showId: string, now = Date.now()): Promise<number | null> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { hearts: true, heartsTold: true, heartsToldAt: true } });
  if (!show || show.hearts === show.heartsTold) return null;
  const dueAt = (show.heartsToldAt?.getTime() ?? 0) + HEARTS_TELL_INTERVAL_MS;
  if (dueAt > now) return dueAt;
  const { count } = await prisma.show.updateMany({ where: { id: showId, shop, heartsToldAt: show.heartsToldAt }, data: { heartsTold: show.hearts, heartsToldAt: new Date(now) } });
  // Another instance claimed this second first: it told its total; ours may be newer.
  if (count === 0) return now + HEARTS_TELL_INTERVAL_MS;
  tellChatViewers(shop, showId, { hearts: show.hearts });
  return null;
}
