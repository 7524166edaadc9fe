import { describe, expect, it } from "vitest";
import { deriveLifecycle, type LifecycleEventKind, type ShowStatus } from "./lifecycle";
import { statusLabel, statusTone } from "./status";

const EVERY_STATUS: ShowStatus[] = ["draft", "scheduled", "live", "ended", "replay_ready", "archived"];

describe("the show status vocabulary", () => {
  it("has one label and tone per lifecycle status", () => {
    expect(EVERY_STATUS.map((status) => [status, statusLabel(status), statusTone(status)])).toEqual([
      ["draft", "Draft", undefined],
      ["scheduled", "Scheduled", "info"],
      ["live", "Live", "critical"],
      ["ended", "Ended", undefined],
      ["replay_ready", "Replay ready", "success"],
      ["archived", "Archived", undefined],
    ]);
  });

  it("names every status the lifecycle can reach", () => {
    const at = new Date();
    const paths: LifecycleEventKind[][] = [[], ["scheduled"], ["stream_active"], ["stream_active", "stream_idle"], ["stream_active", "stream_completed", "replay_ready"], ["archived"]];
    for (const kinds of paths) {
      const { state } = deriveLifecycle(kinds.map((kind) => ({ kind, at })));
      expect(statusLabel(state.status)).not.toBe(state.status);
    }
  });

  it("shows a status it does not know as stored, with no tone", () => {
    expect(statusLabel("paused")).toBe("paused");
    expect(statusTone("paused")).toBeUndefined();
  });
});
