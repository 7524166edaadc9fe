/**
 * The encoder's state, as Mux's live-stream webhooks tell of it. It is not the show's status
 * (lifecycle.ts): a live show whose encoder dropped stays live through Mux's reconnect window,
 * and the merchant needs to know that the picture stopped and for how long the show waits.
 *
 * Mux's order (docs: "Handle live stream disconnects"): connected → recording → active; on a drop
 * disconnected, then idle once the reconnect window passes. An encoder that comes back inside the
 * window sends connected and recording again, but no active: the stream never stopped being active.
 */
export type EncoderState = "idle" | "connecting" | "live" | "disconnected";

/**
 * The state a Mux event puts the encoder in, or null for events that say nothing of it.
 * `streamStatus` is the live stream's status in the event (Mux's snapshot of the stream): a
 * `recording` on a stream still active is an encoder back inside its reconnect window, on air again.
 */
export function encoderStateOfMuxEvent(type: string, streamStatus: string | undefined): EncoderState | null {
  switch (type) {
    case "video.live_stream.connected":
      return "connecting";
    case "video.live_stream.recording":
      return streamStatus === "active" ? "live" : "connecting";
    case "video.live_stream.active":
      return "live";
    case "video.live_stream.disconnected":
      return "disconnected";
    case "video.live_stream.idle":
      return "idle";
    default:
      return null;
  }
}

/**
 * Whether a reading Mux took at `at` (the webhook's created_at) replaces the one recorded, taken
 * at `recordedAt`. Mux may deliver late or again, so the newer reading by Mux's clock wins, never
 * the one that arrived last: a `connected` redelivered after `active` leaves the encoder live.
 * Two readings of the same instant keep the order they arrived in.
 */
export function supersedes(recordedAt: Date | null, at: Date): boolean {
  return recordedAt === null || at.getTime() >= recordedAt.getTime();
}

/** When Mux stops waiting for a dropped encoder: the drop plus the stream's reconnect window. */
export function reconnectDeadline(droppedAt: Date, reconnectWindowSeconds: number | undefined): Date | null {
  if (reconnectWindowSeconds === undefined || reconnectWindowSeconds <= 0) return null;
  return new Date(droppedAt.getTime() + reconnectWindowSeconds * 1000);
}
