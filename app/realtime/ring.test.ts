import { describe, expect, it } from "vitest";
import { commentFrame } from "./frame";
import { EventRing } from "./ring";

const entry = (seq: number) => ({ seq, frame: commentFrame(String(seq)) });

describe("EventRing", () => {
  it("replays the events after a number while it still holds everything since", () => {
    const ring = new EventRing(3, 10);
    [11, 12, 13].forEach((seq) => ring.push(entry(seq)));
    expect(ring.canReplayAfter(10)).toBe(true);
    expect(ring.after(11).map((e) => e.seq)).toEqual([12, 13]);
    expect(ring.canReplayAfter(9)).toBe(false);
  });

  it("moves its coverage past each event it lets go", () => {
    const ring = new EventRing(3, 10);
    [11, 12, 13, 14, 15].forEach((seq) => ring.push(entry(seq)));
    expect(ring.after(0).map((e) => e.seq)).toEqual([13, 14, 15]);
    expect(ring.coveredAfter).toBe(12);
    expect(ring.canReplayAfter(11)).toBe(false);
    expect(ring.canReplayAfter(12)).toBe(true);
  });

  it("keeps arrival order when two instances' events cross on the bus", () => {
    const ring = new EventRing(4, 0);
    [2, 1, 3].forEach((seq) => ring.push(entry(seq)));
    expect(ring.after(0).map((e) => e.seq)).toEqual([2, 1, 3]);
  });
});
