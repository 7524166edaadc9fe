import { z } from "zod";
import { chargeForShowOnAir } from "~/billing/usage-charges.server";
import prisma from "~/db.server";
import { recordEncoderState } from "./encoder-state.server";
import type { LifecycleEventKind } from "./lifecycle";
import { recordLifecycleEvent } from "./lifecycle.server";
import { reconcileLineupOnAir } from "./on-air.server";
import { clearPlanHold, holdOffAirWithoutPlan, takeReleasableHolds } from "./plan-hold.server";
import { log } from "~/lib/log.server";

/** The part of a Mux webhook event the show lifecycle reads. */
export const muxEvent = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created_at: z.string().datetime({ offset: true }),
  data: z
    .object({
      id: z.string(),
      live_stream_id: z.string().optional(),
      passthrough: z.string().optional(),
      // On live-stream events: the stream's status and reconnect window, which the encoder's state reads.
      status: z.string().optional(),
      reconnect_window: z.number().optional(),
      playback_ids: z.array(z.object({ id: z.string(), policy: z.string() })).optional(),
    })
    .passthrough(),
});

export type MuxEvent = z.infer<typeof muxEvent>;

/**
 * Mux makes the recording asset ready while the show is still live (a live asset), so
 * `video.asset.ready` says nothing about the replay: `live_stream_completed` is the moment the
 * broadcast is over and the recording final.
 */
const lifecycleKindsByType: Partial<Record<string, LifecycleEventKind[]>> = {
  "video.live_stream.active": ["stream_active"],
  "video.live_stream.idle": ["stream_idle"],
  "video.asset.live_stream_completed": ["stream_completed", "replay_ready"],
};

/** Asset events name their live stream; live-stream events are the live stream. */
function liveStreamIdOf(event: MuxEvent): string {
  return event.type.startsWith("video.asset.") ? (event.data.live_stream_id ?? "") : event.data.id;
}

/** A Shopify hiccup must not fail Mux's delivery: the show is live either way, and webhooks keep stock moving. */
async function reconcileOnAirQuietly(show: { id: string; shop: string }) {
  try {
    await reconcileLineupOnAir(show.shop, show.id);
  } catch (error) {
    log.warn(`[shows] ${show.shop} show ${show.id}: stock reconciliation on going live failed: ${(error as Error).message}`);
  }
}

export async function findShowForMuxEvent(event: MuxEvent) {
  const liveStreamId = liveStreamIdOf(event);
  if (!liveStreamId) return null;
  return prisma.show.findFirst({ where: { muxLiveStreamId: liveStreamId } });
}

/**
 * Applies a verified Mux event to its show: the encoder's state, then the lifecycle. Events for
 * streams the app doesn't know (another environment on the same Mux account) and types that move
 * neither are ignored.
 */
export async function applyMuxEvent(event: MuxEvent, show: { id: string; shop: string }): Promise<void> {
  // The encoder first: on "active" the page hears that the picture is on before the show's status follows.
  await recordEncoderState(show, event);
  const kinds = lifecycleKindsByType[event.type];
  if (!kinds) return;
  if (kinds.includes("replay_ready")) {
    const playbackId = event.data.playback_ids?.find((id) => id.policy === "public")?.id;
    if (!playbackId) return;
    await prisma.show.update({
      where: { id: show.id, shop: show.shop },
      data: { replayAssetId: event.data.id, replayPlaybackId: playbackId },
    });
  }
  const at = new Date(event.created_at);
  for (const kind of kinds) {
    if (kind === "stream_active" && (await holdOffAirWithoutPlan(show, at))) continue;
    if (kind === "stream_idle") await clearPlanHold(show);
    await goOnAirOrRecord(show, kind, at, { muxEventId: event.id });
  }
}

/** The shop now has a plan: shows held off air while their encoder is still connected go on air. */
export async function releasePlanHolds(shop: string, now = new Date()): Promise<void> {
  for (const show of await takeReleasableHolds(shop)) await goOnAirOrRecord(show, "stream_active", now, { releasedFromPlanHold: true });
}

async function goOnAirOrRecord(show: { id: string; shop: string }, kind: LifecycleEventKind, at: Date, detail: Record<string, unknown>) {
  const state = await recordLifecycleEvent(show.shop, show.id, kind, at, detail);
  if (kind !== "stream_active") return;
  if (state.status === "live") await reconcileOnAirQuietly(show);
  // wentLiveAt also covers a redelivered "active" that lands after the show already ended: it aired.
  if (state.wentLiveAt) await chargeForShowOnAir(show.shop, show.id);
}
