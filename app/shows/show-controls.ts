// What the control room may still do to a show in each state of its lifecycle, in words for the
// merchant when it may not. The show page hides what is refused here, and the commands refuse it
// again, so a stale page or a forged post gets an answer, never a broken show.
import type { ShowStatus } from "./lifecycle";

export type ShowMode = "public" | "rehearsal";

/** A control room action that only makes sense before or during the broadcast. */
export type LiveControl = "pin" | "deal" | "stream_key" | "reset_key";

const OVER: ReadonlySet<string> = new Set<ShowStatus>(["ended", "replay_ready", "archived"]);

/** The broadcast is over (or the show put away): its live controls and stream key are closed. */
export function isShowOver(status: string): boolean {
  return OVER.has(status);
}

const OVER_WORDS: Record<LiveControl, string> = {
  pin: "This show has ended, so products can no longer be pinned. Replay viewers see them as you pinned them live.",
  deal: "This show has ended, so no deal can start. Deals run before or during a show.",
  stream_key: "This show has ended, so its stream key is closed. Each show gets a stream of its own.",
  reset_key: "This show has ended, so its stream key is closed. Each show gets a stream of its own.",
};

/** Why `control` is refused for a show in `status`, or null when it is allowed. */
export function liveControlRefusal(control: LiveControl, status: string): string | null {
  if (status === "archived") return "This show is archived, so it can no longer be changed.";
  if (isShowOver(status)) return OVER_WORDS[control];
  if (control === "reset_key" && status === "live") {
    return "Your encoder is on air with this key: a new key would cut your broadcast off. End the show first, then reset the key.";
  }
  return null;
}

/**
 * A private preview link opens a show on the storefront before shoppers can see it. A rehearsal
 * is private throughout, so its link is its only door until it is archived; a public show has one
 * until it goes on air, for looking at it on the storefront as shoppers will.
 */
export function previewLinkOffered(status: string, mode: string): boolean {
  if (status === "archived") return false;
  return mode === "rehearsal" || status === "draft" || status === "scheduled";
}

/** Why a show cannot be made public now, or null when "Go public" may run. */
export function goPublicRefusal(status: string, mode: string): string | null {
  if (mode === "public") return "This show is already public.";
  if (isShowOver(status)) return "This rehearsal is over. Schedule a new show to go live in public.";
  return null;
}
