import { getBus } from "~/realtime/bus.server";
import { realtimeConfig } from "~/realtime/config.server";
import { ConnectionLimiter } from "~/realtime/connection-limiter";
import { RealtimeHub } from "~/realtime/hub.server";
import { loadShowSnapshot, readEventSeq } from "./show-snapshot.server";

declare global {
  // One hub and one limiter per process, also across Vite's module reloads in development.
  var liveShowsRealtime: { hub: RealtimeHub; limiter: ConnectionLimiter } | undefined;
}

/** This instance's realtime state: its show channels and its count of streams per address. */
export function realtime() {
  if (!globalThis.liveShowsRealtime) {
    const config = realtimeConfig();
    globalThis.liveShowsRealtime = {
      hub: new RealtimeHub({
        bus: getBus(),
        ringSize: config.REALTIME_RING_SIZE,
        idleGraceMs: config.REALTIME_IDLE_GRACE_MS,
        heartbeatMs: config.REALTIME_HEARTBEAT_MS,
        snapshotMaxAgeMs: config.REALTIME_SNAPSHOT_MAX_AGE_MS,
        readEventSeq,
        loadSnapshot: loadShowSnapshot,
      }),
      limiter: new ConnectionLimiter(config.REALTIME_MAX_CONNECTIONS_PER_ADDRESS),
    };
  }
  return globalThis.liveShowsRealtime;
}

/** Ends every open stream (viewers reconnect to another instance) and leaves the bus. */
export async function closeRealtime() {
  const state = globalThis.liveShowsRealtime;
  globalThis.liveShowsRealtime = undefined;
  await state?.hub.close();
}
