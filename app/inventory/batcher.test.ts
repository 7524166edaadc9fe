import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

describe("Batcher", () => {
  it("applies a lone item at once, and everything that queues meanwhile as the next batch", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const firstApplied = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await firstApplied;
      return items.map((item) => `done ${item}`);
    });
    const first = batcher.submit(1);
    await expect.poll(() => batches.length).toBe(1);
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    release();
    expect(await Promise.all([first, ...later])).toEqual(["done 1", "done 2", "done 3", "done 4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("caps a batch's size", async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 2 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((item) => batcher.submit(item)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it("fails only the bad item of a failed batch, after trying the rest one at a time", async () => {
    const batcher = new Batcher<number, number>(async (items) => {
      if (items.includes(13)) throw new Error("unlucky");
      return items.map((item) => item * 2);
    });
    const outcomes = await Promise.allSettled([12, 13, 14].map((item) => batcher.submit(item)));
    expect(outcomes).toEqual([
      { status: "fulfilled", value: 24 },
      { status: "rejected", reason: new Error("unlucky") },
      { status: "fulfilled", value: 28 },
    ]);
  });

  it("fails a whole batch at once when its cause is shared by every item", async () => {
    let calls = 0;
    const down = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const batcher = new Batcher<number, number>(
      async () => {
        calls++;
        throw down;
      },
      { mayFailAlone: (error) => (error as { code?: string }).code !== "SQLITE_BUSY" },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(calls).toBe(1);
  });
});
