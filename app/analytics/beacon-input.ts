// The body the storefront's live-stats script sends with navigator.sendBeacon: its viewer token
// and a batch of events, each with the page's sequence number and how long ago it happened (the
// server's clock places it: a shopper's clock may be wrong, an age is not).
import { z } from "zod";
import { VIEWER_EVENT_TYPES } from "./viewer-activity";

/** The script sends every 30 s and when the page hides: a batch holds a few dozen events at most. */
export const MAX_BEACON_EVENTS = 64;
/** An event older than this when it arrives is refused: the script never holds one that long. */
export const MAX_EVENT_AGE_MS = 10 * 60_000;

const beaconBody = z.object({
  token: z.string().min(1, "token is missing").max(2048, "token is too long"),
  events: z
    .array(
      z.object({
        n: z.number().int().min(1).max(1e9),
        type: z.enum(VIEWER_EVENT_TYPES),
        ago: z.number().int().min(0).max(MAX_EVENT_AGE_MS, `an event may be at most ${MAX_EVENT_AGE_MS / 1000} s old`),
      }),
    )
    .min(1, "events is empty"),
});

export type BeaconBody = z.output<typeof beaconBody>;

export type BeaconParse = { ok: true; body: BeaconBody } | { ok: false; status: 400 | 413; reason: string };

export function parseBeacon(text: string): BeaconParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, reason: "The body is not JSON" };
  }
  const events = (json as { events?: unknown } | null)?.events;
  if (Array.isArray(events) && events.length > MAX_BEACON_EVENTS) {
    return { ok: false, status: 413, reason: `A batch holds at most ${MAX_BEACON_EVENTS} events; this one has ${events.length}` };
  }
  const parsed = beaconBody.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, reason: parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ") };
  return { ok: true, body: parsed.data };
}
