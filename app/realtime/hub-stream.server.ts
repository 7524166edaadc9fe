// What the shoppers' show stream and the control room's stream share: a hub built from the
// realtime settings on this instance's bus, and the admission of one connection to it (a slot per
// address, the channel subscribed before the answer, resume from Last-Event-ID).
import { getBus } from "./bus.server";
import { realtimeConfig } from "./config.server";
import type { ConnectionLimiter } from "./connection-limiter";
import { retryFrame } from "./frame";
import { RealtimeHub, type HubOptions } from "./hub.server";
import type { SseSink } from "./sink";
import { streamRefusal, type StreamAnswer } from "./stream-answer.server";

/** A hub with this instance's bus and the configured ring, grace, heartbeat and snapshot age. */
export function configuredHub(options: Pick<HubOptions, "readEventSeq" | "loadSnapshot" | "privateChannel">): RealtimeHub {
  const config = realtimeConfig();
  return new RealtimeHub({
    bus: getBus(),
    ringSize: config.REALTIME_RING_SIZE,
    idleGraceMs: config.REALTIME_IDLE_GRACE_MS,
    heartbeatMs: config.REALTIME_HEARTBEAT_MS,
    snapshotMaxAgeMs: config.REALTIME_SNAPSHOT_MAX_AGE_MS,
    ...options,
  });
}

export interface HubAdmission {
  hub: RealtimeHub;
  limiter: ConnectionLimiter;
  shop: string;
  showId: string;
  clientAddress: string;
  lastEventId: string | null;
  headers: Record<string, string>;
  /** What else ends with the connection (a viewer counted, a recount watched): each returns its undo. */
  onAttach?(sink: SseSink): void;
}

/** Admits one connection to a show's channel, or refuses it (429) when its address holds too many. */
export async function admitToHub({ hub, limiter, shop, showId, clientAddress, lastEventId, headers, onAttach }: HubAdmission): Promise<StreamAnswer> {
  if (!limiter.acquire(clientAddress)) return streamRefusal(429, "Too many open streams from this address", { "Retry-After": "30" });
  try {
    // Subscribed before answering: from here on, no event of this show is missed.
    await hub.channel(shop, showId);
  } catch (error) {
    limiter.release(clientAddress);
    throw error;
  }
  const lastSeq = lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : null;
  return {
    kind: "stream",
    headers,
    attach(sink) {
      sink.onClose(() => limiter.release(clientAddress));
      onAttach?.(sink);
      sink.write(retryFrame(realtimeConfig().REALTIME_RETRY_MS));
      void hub.join(shop, showId, sink, lastSeq);
    },
  };
}
