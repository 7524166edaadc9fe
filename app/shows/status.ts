// The words and badge tones for a show's lifecycle status (lifecycle.ts), the one vocabulary
// every page that shows a status uses: the shows list, the show page, the creator portal.
import type { ShowStatus } from "./lifecycle";

/** The Polaris badge tones a status takes; none is a plain badge. */
export type StatusTone = "info" | "success" | "critical" | "attention";

const STATUS: Record<ShowStatus, { label: string; tone?: StatusTone }> = {
  draft: { label: "Draft" },
  scheduled: { label: "Scheduled", tone: "info" },
  live: { label: "Live", tone: "critical" },
  ended: { label: "Ended" },
  replay_ready: { label: "Replay ready", tone: "success" },
  archived: { label: "Archived" },
};

/** "Replay ready" for replay_ready; a status this app does not know is shown as it is stored. */
export function statusLabel(status: string): string {
  return STATUS[status as ShowStatus]?.label ?? status;
}

/** The badge tone: live is critical (it is on air now), scheduled info, replay ready success. */
export function statusTone(status: string): StatusTone | undefined {
  return STATUS[status as ShowStatus]?.tone;
}
