import { describe, expect, it } from "vitest";
import type { ShowStatus } from "./lifecycle";
import { goPublicRefusal, isShowOver, liveControlRefusal, previewLinkOffered, type LiveControl } from "./show-controls";

const EVERY_STATUS: ShowStatus[] = ["draft", "scheduled", "live", "ended", "replay_ready", "archived"];
const CONTROLS: LiveControl[] = ["pin", "deal", "stream_key", "reset_key"];

describe("the live controls", () => {
  it("are open before and during the show, and closed once it is over", () => {
    expect(EVERY_STATUS.filter(isShowOver)).toEqual(["ended", "replay_ready", "archived"]);
    for (const control of CONTROLS) {
      expect(EVERY_STATUS.map((status) => liveControlRefusal(control, status) === null)).toEqual(
        control === "reset_key" ? [true, true, false, false, false, false] : [true, true, true, false, false, false],
      );
    }
  });

  it("say why, in the merchant's words", () => {
    expect(liveControlRefusal("pin", "ended")).toMatch(/has ended, so products can no longer be pinned/);
    expect(liveControlRefusal("deal", "replay_ready")).toMatch(/has ended, so no deal can start/);
    expect(liveControlRefusal("stream_key", "ended")).toMatch(/stream key is closed/);
    expect(liveControlRefusal("pin", "archived")).toBe("This show is archived, so it can no longer be changed.");
  });

  it("refuse a new stream key while live: the encoder on air would be cut off", () => {
    expect(liveControlRefusal("reset_key", "live")).toMatch(/would cut your broadcast off\. End the show first/);
    expect(liveControlRefusal("stream_key", "live")).toBeNull();
  });
});

describe("the private preview link", () => {
  it("is offered for a rehearsal until it is archived, and for a public show until it goes on air", () => {
    expect(EVERY_STATUS.filter((status) => previewLinkOffered(status, "rehearsal"))).toEqual(["draft", "scheduled", "live", "ended", "replay_ready"]);
    expect(EVERY_STATUS.filter((status) => previewLinkOffered(status, "public"))).toEqual(["draft", "scheduled"]);
  });
});

describe("going public", () => {
  it("turns a rehearsal public before or while it is on air, never after", () => {
    expect(EVERY_STATUS.filter((status) => goPublicRefusal(status, "rehearsal") === null)).toEqual(["draft", "scheduled", "live"]);
    expect(goPublicRefusal("ended", "rehearsal")).toMatch(/rehearsal is over/);
    expect(goPublicRefusal("scheduled", "public")).toBe("This show is already public.");
  });
});
