import { env } from "~/env.server";
import { realtimeConfig } from "~/realtime/config.server";
import { ConnectionLimiter } from "~/realtime/connection-limiter";
import type { RealtimeHub } from "~/realtime/hub.server";
import { configuredHub } from "~/realtime/hub-stream.server";
import { createPresenceStore, ViewerPresence } from "~/realtime/viewer-presence.server";
import { announceViewerCount } from "./audience.server";
import { loadShowSnapshot, readEventSeq } from "./show-snapshot.server";

declare global {
  // One hub, limiter and viewer count per process, also across Vite's module reloads in development.
  var liveShowsRealtime: { hub: RealtimeHub; limiter: ConnectionLimiter; presence: ViewerPresence } | undefined;
}

/** This instance's realtime state: its show channels, its count of streams per address, and its viewers. */
export function realtime() {
  if (!globalThis.liveShowsRealtime) {
    const config = realtimeConfig();
    globalThis.liveShowsRealtime = {
      hub: configuredHub({ readEventSeq, loadSnapshot: loadShowSnapshot }),
      limiter: new ConnectionLimiter(config.REALTIME_MAX_CONNECTIONS_PER_ADDRESS),
      presence: new ViewerPresence({
        store: createPresenceStore(env().REDIS_URL, config.REALTIME_PRESENCE_TTL_MS),
        renewMs: config.REALTIME_PRESENCE_RENEW_MS,
        announceIntervalMs: config.REALTIME_VIEWERS_INTERVAL_MS,
        announce: announceViewerCount,
      }),
    };
  }
  return globalThis.liveShowsRealtime;
}

/** Ends every open stream (viewers reconnect to another instance) and leaves the bus. */
export async function closeRealtime() {
  const state = globalThis.liveShowsRealtime;
  globalThis.liveShowsRealtime = undefined;
  await state?.hub.close();
  await state?.presence.close();
}
