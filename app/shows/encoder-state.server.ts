import prisma from "~/db.server";
import { formatZonedTimeWithSeconds } from "~/lib/zoned-time";
import type { EncoderEventData } from "~/realtime/events";
import { getShopSettings } from "~/shops/shops.server";
import { encoderStateOfMuxEvent, reconnectDeadline, supersedes } from "./encoder-state";
import { announceToViewers } from "./show-events.server";
import { appendTimelineEvent } from "./timeline.server";

/** The Show columns the page's view of the encoder is drawn from (encoderStateAt only orders the readings). */
export interface StoredEncoder {
  encoderState: string;
  encoderReconnectUntil: Date | null;
}

export const ENCODER_COLUMNS = { encoderState: true, encoderReconnectUntil: true } as const;

/** The encoder as the show page draws it, with its time in the shop's timezone (formatted here, never in the browser). */
export function encoderView(show: StoredEncoder, timezone: string): EncoderEventData {
  return {
    state: show.encoderState,
    reconnectUntilLabel:
      show.encoderState === "disconnected" && show.encoderReconnectUntil ? formatZonedTimeWithSeconds(show.encoderReconnectUntil, timezone) : null,
  };
}

/** The part of a Mux live-stream event the encoder's state reads; `data` is Mux's snapshot of the live stream. */
export interface EncoderEvent {
  type: string;
  created_at: string;
  data: { status?: string; reconnect_window?: number };
}

/**
 * Records what a Mux event says of the show's encoder, unless the show already holds a newer
 * reading, and tells the show's channel (numbered on its timeline, so a page that reconnects
 * resumes in order). Ignores events that say nothing of the encoder.
 */
export async function recordEncoderState(show: { id: string; shop: string }, event: EncoderEvent): Promise<void> {
  const state = encoderStateOfMuxEvent(event.type, event.data.status);
  if (!state) return;
  const at = new Date(event.created_at);
  const data = {
    encoderState: state,
    encoderStateAt: at,
    encoderReconnectUntil: state === "disconnected" ? reconnectDeadline(at, event.data.reconnect_window) : null,
  };
  for (;;) {
    const outcome = await prisma.$transaction(async (tx) => {
      const current = await tx.show.findFirstOrThrow({ where: { id: show.id, shop: show.shop }, select: { encoderStateAt: true } });
      if (!supersedes(current.encoderStateAt, at)) return "older" as const;
      // Written only if no other delivery wrote since it was read (PostgreSQL lets two read at once): else read again.
      const { count } = await tx.show.updateMany({ where: { id: show.id, shop: show.shop, encoderStateAt: current.encoderStateAt }, data });
      if (count === 0) return "raced" as const;
      return appendTimelineEvent(tx, show.shop, show.id, "encoder", { state }, at);
    });
    if (outcome === "raced") continue;
    if (outcome === "older") return;
    const { timezone } = await getShopSettings(show.shop);
    await announceToViewers(show.shop, show.id, outcome.seq, "encoder", encoderView(data, timezone));
    return;
  }
}
