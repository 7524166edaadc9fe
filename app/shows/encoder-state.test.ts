import { describe, expect, it } from "vitest";
import { encoderStateOfMuxEvent, reconnectDeadline, supersedes, type EncoderState } from "./encoder-state";

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 8, 18, 0, seconds));

interface Reading {
  state: EncoderState;
  at: Date;
}

/** Folds readings in the order they arrived, as the webhook handler records them. */
function fold(arrivals: Reading[]): Reading | null {
  return arrivals.reduce<Reading | null>((recorded, next) => (supersedes(recorded?.at ?? null, next.at) ? next : recorded), null);
}

describe("encoderStateOfMuxEvent", () => {
  it("follows Mux's order: connected and recording are connecting, active is live, then disconnected and idle", () => {
    const states = [
      ["video.live_stream.connected", "idle"],
      ["video.live_stream.recording", "idle"],
      ["video.live_stream.active", "active"],
      ["video.live_stream.disconnected", "active"],
      ["video.live_stream.idle", "idle"],
    ].map(([type, status]) => encoderStateOfMuxEvent(type!, status));
    expect(states).toEqual(["connecting", "connecting", "live", "disconnected", "idle"]);
  });

  it("reads a recording on a stream still active as the encoder back on air inside its reconnect window", () => {
    // Mux sends no second `active` for a stream that never stopped being active.
    expect(encoderStateOfMuxEvent("video.live_stream.connected", "active")).toBe("connecting");
    expect(encoderStateOfMuxEvent("video.live_stream.recording", "active")).toBe("live");
  });

  it("says nothing of events that are not the encoder's", () => {
    expect(encoderStateOfMuxEvent("video.asset.ready", "ready")).toBeNull();
    expect(encoderStateOfMuxEvent("video.live_stream.created", "idle")).toBeNull();
    expect(encoderStateOfMuxEvent("video.live_stream.disabled", "disabled")).toBeNull();
  });
});

describe("supersedes", () => {
  it("keeps the encoder live when a connected that happened earlier arrives after active", () => {
    expect(fold([{ state: "live", at: at(3) }, { state: "connecting", at: at(1) }])).toEqual({ state: "live", at: at(3) });
  });

  it("takes the newer reading by Mux's clock whatever the order of arrival", () => {
    const happened: Reading[] = [
      { state: "connecting", at: at(1) },
      { state: "live", at: at(3) },
      { state: "disconnected", at: at(20) },
      { state: "connecting", at: at(30) },
      { state: "live", at: at(31) },
    ];
    const shuffled = [happened[3]!, happened[0]!, happened[4]!, happened[2]!, happened[1]!];
    expect(fold(happened)).toEqual(happened[4]);
    expect(fold(shuffled)).toEqual(happened[4]);
  });

  it("lets the later arrival win between two readings of the same instant", () => {
    expect(fold([{ state: "connecting", at: at(1) }, { state: "live", at: at(1) }])?.state).toBe("live");
  });

  it("takes any reading when none is recorded", () => {
    expect(supersedes(null, at(0))).toBe(true);
  });
});

describe("reconnectDeadline", () => {
  it("is the drop plus the stream's reconnect window, and none without a window", () => {
    expect(reconnectDeadline(at(20), 60)).toEqual(at(80));
    expect(reconnectDeadline(at(20), 0)).toBeNull();
    expect(reconnectDeadline(at(20), undefined)).toBeNull();
  });
});
