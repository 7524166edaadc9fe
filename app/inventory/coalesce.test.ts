import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer } from "./coalesce";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const sent: Array<[string, number]> = [];
  const coalescer = new Coalescer<number>(100, async (key, value) => {
    sent.push([key, value]);
  });
  return { sent, coalescer };
}

describe("Coalescer", () => {
  it("sends the first value of a quiet key at once", async () => {
    const { sent, coalescer } = recorder();
    await coalescer.offer("a", 1);
    expect(sent).toEqual([["a", 1]]);
  });

  it("merges a burst into the window's last value, sent when the window closes", async () => {
    const { sent, coalescer } = recorder();
    await coalescer.offer("a", 5);
    for (const value of [4, 3, 2]) await coalescer.offer("a", value);
    expect(sent).toEqual([["a", 5]]);
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([
      ["a", 5],
      ["a", 2],
    ]);
  });

  it("keeps a long burst to one value per window, and keys apart", async () => {
    const { sent, coalescer } = recorder();
    for (let tick = 0; tick < 10; tick++) {
      await coalescer.offer("a", tick);
      await coalescer.offer("b", 100 + tick);
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(200);
    const ofKey = (key: string) => sent.filter(([sentKey]) => sentKey === key).map(([, value]) => value);
    expect(ofKey("a").length).toBeLessThanOrEqual(6);
    expect(ofKey("a").at(-1)).toBe(9);
    expect(ofKey("b").at(-1)).toBe(109);
  });

  it("sends again at once once a window passed with nothing merged", async () => {
    const { sent, coalescer } = recorder();
    await coalescer.offer("a", 1);
    await vi.advanceTimersByTimeAsync(100);
    await coalescer.offer("a", 2);
    expect(sent).toEqual([
      ["a", 1],
      ["a", 2],
    ]);
  });
});
