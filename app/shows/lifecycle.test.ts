import { describe, expect, it } from "vitest";
import { fromNow, shifted } from "../../tests/support/clock";
import { deriveLifecycle, type LifecycleEvent, type LifecycleEventKind } from "./lifecycle";

const SCHEDULED_AT = fromNow({ hours: -1 });
const t = (minute: number) => shifted(SCHEDULED_AT, { minutes: minute });
const ev = (kind: LifecycleEventKind, minute: number): LifecycleEvent => ({ kind, at: t(minute) });

describe("deriveLifecycle", () => {
  it("walks the happy path draft → scheduled → live → ended → replay_ready", () => {
    const { state, refusals } = deriveLifecycle([ev("scheduled", 0), ev("stream_active", 5), ev("stream_idle", 50), ev("replay_ready", 52)]);
    expect(state).toEqual({ status: "replay_ready", wentLiveAt: t(5), endedAt: t(50) });
    expect(refusals).toEqual([]);
  });

  it("reaches the same state when idle is delivered before active", () => {
    const inOrder = deriveLifecycle([ev("scheduled", 0), ev("stream_active", 5), ev("stream_idle", 50)]);
    const idleFirst = deriveLifecycle([ev("scheduled", 0), ev("stream_idle", 50), ev("stream_active", 5)]);
    expect(idleFirst.state).toEqual(inOrder.state);
    expect(idleFirst.state.status).toBe("ended");
  });

  it("stays scheduled when the stream goes idle without ever being active", () => {
    expect(deriveLifecycle([ev("scheduled", 0), ev("stream_idle", 3)]).state.status).toBe("scheduled");
  });

  it("ignores duplicate deliveries of the same event", () => {
    const { state, refusals } = deriveLifecycle([ev("scheduled", 0), ev("stream_active", 5), ev("stream_active", 5), ev("stream_active", 5)]);
    expect(state).toEqual({ status: "live", wentLiveAt: t(5), endedAt: null });
    expect(refusals).toEqual([]);
  });

  it("refuses to go live again after the show ended, keeping the ended state", () => {
    const { state, refusals } = deriveLifecycle([ev("scheduled", 0), ev("stream_active", 5), ev("ended_by_merchant", 30), ev("stream_active", 40)]);
    expect(state.status).toBe("ended");
    expect(refusals).toEqual([expect.objectContaining({ from: "ended", reason: expect.stringMatching(/does not go live again/) })]);
  });

  it("refuses a replay before the show ended and archiving a live show", () => {
    const { state, refusals } = deriveLifecycle([ev("scheduled", 0), ev("stream_active", 5), ev("replay_ready", 6), ev("archived", 7)]);
    expect(state.status).toBe("live");
    expect(refusals.map((refusal) => refusal.event.kind)).toEqual(["replay_ready", "archived"]);
  });

  it("refuses ending a show that is not live", () => {
    const { state, refusals } = deriveLifecycle([ev("scheduled", 0), ev("ended_by_merchant", 1)]);
    expect(state.status).toBe("scheduled");
    expect(refusals).toHaveLength(1);
  });
});
