// While a show is live, its lineup's stock is read again from Shopify every few minutes: a lost
// or late webhook must not leave viewers buying what is gone. Going live reconciles once
// (on-air.server.ts); this keeps doing it until the show ends, on one app instance per show.
import { randomUUID } from "node:crypto";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { acquireLease, INSTANCE_ID } from "~/jobs/lease.server";
import { startTicker, type Ticker } from "~/jobs/ticker";
import { reconcileLineupOnAir } from "./on-air.server";
import { log } from "~/lib/log.server";

export interface LiveReconciliationPass {
  reconciled: { shop: string; showId: string; drift: number }[];
  failed: { shop: string; showId: string; error: string }[];
}

export function reconcileIntervalMs(): number {
  return env().RECONCILE_INTERVAL_SECONDS * 1000;
}

/**
 * Reconciles every live show that is due, in every shop still installed.
 *
 * Each show's lease is taken for one interval and never released: it is the "not again before"
 * that all instances share. Whoever takes it reconciles; every other caller until it expires
 * (another instance, an overlapping cron call, this instance's next tick) finds it held and
 * moves on. The holder is named per pass, because a lease lets its own holder extend it and a
 * process-wide name would let this instance's next pass in early. An instance that dies after
 * taking the lease, or a reconciliation that fails, leaves the show to the next interval, which
 * is the cadence anyway.
 */
export async function reconcileLiveShows({ now = new Date(), intervalMs = reconcileIntervalMs() } = {}): Promise<LiveReconciliationPass> {
  const holder = `${INSTANCE_ID}-${randomUUID().slice(0, 8)}`;
  const pass: LiveReconciliationPass = { reconciled: [], failed: [] };
  for (const { id: showId, shop } of await dueLiveShows(now, intervalMs)) {
    if (!(await acquireLease(`reconcile:show:${showId}`, holder, intervalMs, now))) continue;
    try {
      pass.reconciled.push({ shop, showId, drift: await reconcileLineupOnAir(shop, showId) });
    } catch (error) {
      // One shop's trouble (its token revoked, Shopify throttling past the retries) must not keep
      // the other shows' stock stale; webhooks still move this one until the next interval.
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`[shows] ${shop} show ${showId}: periodic stock reconciliation failed: ${message}`);
      pass.failed.push({ shop, showId, error: message });
    }
  }
  return pass;
}

/**
 * Live shows in installed shops that went live at least an interval ago (the lifecycle stamps
 * wentLiveAt as a show turns live, and going live reconciled its lineup then).
 */
async function dueLiveShows(now: Date, intervalMs: number) {
  const live = await prisma.show.findMany({
    where: { status: "live", wentLiveAt: { lte: new Date(now.getTime() - intervalMs) } },
    select: { id: true, shop: true },
    orderBy: { wentLiveAt: "asc" },
  });
  const uninstalled = await prisma.shop.findMany({
    where: { domain: { in: [...new Set(live.map((show) => show.shop))] }, uninstalledAt: { not: null } },
    select: { domain: true },
  });
  const gone = new Set(uninstalled.map((shop) => shop.domain));
  return live.filter((show) => !gone.has(show.shop));
}

let ticker: Ticker | null = null;

/**
 * Starts reconciling live shows in this process. It looks three times per interval, so a show
 * is reconciled at most a third of an interval late; the leases keep it to once per interval
 * however many instances look.
 */
export function startLiveReconciliation(): void {
  if (ticker) return;
  const intervalMs = reconcileIntervalMs();
  ticker = startTicker("live reconciliation", Math.ceil(intervalMs / 3), () => reconcileLiveShows({ intervalMs }));
}

export async function stopLiveReconciliation(): Promise<void> {
  const stopping = ticker;
  ticker = null;
  await stopping?.stop();
}
