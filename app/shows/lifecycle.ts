/**
 * The show lifecycle as an explicit state machine:
 *   draft → scheduled → live → ended → replay_ready, and archived from any state but live.
 * Mux delivers webhooks at least once and in no guaranteed order, so the status is never
 * patched in place: it is the fold of every lifecycle event sorted by when it happened.
 * An event that is illegal in the state it lands in is refused and reported, never applied.
 */
export type ShowStatus = "draft" | "scheduled" | "live" | "ended" | "replay_ready" | "archived";

export type LifecycleEventKind =
  | "scheduled" // the merchant saved the show with a start time
  | "stream_active" // video.live_stream.active: the encoder is sending and Mux is broadcasting
  | "stream_idle" // video.live_stream.idle: the reconnect window passed without the encoder
  | "stream_completed" // video.asset.live_stream_completed or the merchant's "End show"
  | "ended_by_merchant"
  | "replay_ready" // video.asset.ready for the recording
  | "archived";

export interface LifecycleEvent {
  kind: LifecycleEventKind;
  at: Date;
}

export interface LifecycleState {
  status: ShowStatus;
  wentLiveAt: Date | null;
  endedAt: Date | null;
}

export interface Refusal {
  event: LifecycleEvent;
  from: ShowStatus;
  reason: string;
}

type Step = { state: LifecycleState } | { refused: string } | "unchanged";

function step(state: LifecycleState, event: LifecycleEvent): Step {
  const { status } = state;
  switch (event.kind) {
    case "scheduled":
      if (status === "draft") return { state: { ...state, status: "scheduled" } };
      return status === "scheduled" ? "unchanged" : { refused: "only a draft can be scheduled" };
    case "stream_active":
      if (status === "draft" || status === "scheduled") return { state: { ...state, status: "live", wentLiveAt: event.at } };
      if (status === "live") return "unchanged";
      return { refused: "an ended show does not go live again; schedule a new show" };
    case "stream_idle":
    case "stream_completed":
    case "ended_by_merchant":
      if (status === "live") return { state: { ...state, status: "ended", endedAt: event.at } };
      if (event.kind === "ended_by_merchant" && (status === "draft" || status === "scheduled")) {
        return { refused: "the show is not live" };
      }
      // An idle stream that never went live (a test connection) changes nothing.
      return "unchanged";
    case "replay_ready":
      if (status === "ended") return { state: { ...state, status: "replay_ready" } };
      if (status === "replay_ready" || status === "archived") return "unchanged";
      return { refused: "a replay is ready only after the show has ended" };
    case "archived":
      if (status === "live") return { refused: "end the show before archiving it" };
      return status === "archived" ? "unchanged" : { state: { ...state, status: "archived" } };
  }
}

export const INITIAL_STATE: LifecycleState = { status: "draft", wentLiveAt: null, endedAt: null };

/** Folds the events in the order they happened; ties keep the order they were recorded in. */
export function deriveLifecycle(events: readonly LifecycleEvent[]): { state: LifecycleState; refusals: Refusal[] } {
  const ordered = events.map((event, index) => ({ event, index })).sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.index - b.index);
  let state = INITIAL_STATE;
  const refusals: Refusal[] = [];
  for (const { event } of ordered) {
    const next = step(state, event);
    if (next === "unchanged") continue;
    if ("refused" in next) refusals.push({ event, from: state.status, reason: next.refused });
    else state = next.state;
  }
  return { state, refusals };
}
