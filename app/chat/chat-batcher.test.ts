import { describe, expect, it } from "vitest";
import { WindowBatcher, type Timers } from "./chat-batcher";

/** Timers the test fires by hand. */
function manualTimers() {
  const due = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (callback) => {
      due.set(++next, callback);
      return next;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
  };
  return { timers, fireAll: () => [...due.entries()].forEach(([handle, callback]) => (due.delete(handle), callback())) };
}

describe("the chat window batcher", () => {
  it("sends everything a window collected as one batch per key", async () => {
    const sent: [string, number[]][] = [];
    const { timers, fireAll } = manualTimers();
    const batcher = new WindowBatcher<number>(250, async (key, items) => void sent.push([key, items]), timers);
    batcher.add("a", 1);
    batcher.add("a", 2);
    batcher.add("b", 3);
    fireAll();
    await batcher.flush();
    expect(sent).toEqual([
      ["a", [1, 2]],
      ["b", [3]],
    ]);
  });

  it("flush waits for a window its timer already closed and is still sending", async () => {
    let release!: () => void;
    const { timers, fireAll } = manualTimers();
    const batcher = new WindowBatcher<number>(250, () => new Promise<void>((resolve) => (release = resolve)), timers);
    batcher.add("a", 1);
    fireAll();
    let flushed = false;
    const flushing = batcher.flush().then(() => (flushed = true));
    await Promise.resolve();
    expect(flushed).toBe(false);
    release();
    await flushing;
    expect(flushed).toBe(true);
  });
});
