import { describe, expect, it } from "vitest";
import { HEART_SENDS_PER_VIEWER, heartsInput, MemoryBuckets } from "./hearts";

describe("what the player sends", () => {
  it("takes 1 to 50 whole taps under a token, and says what is wrong otherwise", () => {
    expect(heartsInput.parse({ token: "t", taps: 1 })).toEqual({ token: "t", taps: 1 });
    expect(heartsInput.parse({ token: "t", taps: 50, extra: true })).toEqual({ token: "t", taps: 50 });
    const problem = (body: unknown) => heartsInput.safeParse(body).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(problem({ token: "t", taps: 0 })).toEqual(["taps: Send at least one tap"]);
    expect(problem({ token: "t", taps: 51 })).toEqual(["taps: Send at most 50 taps at once; send the rest in the next request"]);
    expect(problem({ token: "t", taps: 2.5 })).toEqual(["taps: Send taps as a whole number from 1 to 50"]);
    expect(problem({ token: "t", taps: "3" })).toEqual(["taps: Send taps as a whole number from 1 to 50"]);
    expect(problem({ taps: 3 })).toEqual(["token: The viewer token is missing: load the show again"]);
  });
});

describe("the per-viewer limit held in memory", () => {
  it("lets a viewer send three at once and then one a second, each viewer apart", () => {
    const buckets = new MemoryBuckets(HEART_SENDS_PER_VIEWER);
    const at = 1_000_000;
    for (let send = 0; send < 3; send += 1) expect(buckets.take("a", at)).toEqual({ allowed: true });
    expect(buckets.take("a", at)).toEqual({ allowed: false, retryAfterMs: 1_000 });
    expect(buckets.take("b", at)).toEqual({ allowed: true });
    expect(buckets.take("a", at + 999)).toMatchObject({ allowed: false });
    expect(buckets.take("a", at + 1_000)).toEqual({ allowed: true });
  });

  it("forgets viewers whose bucket is full again, so it does not grow with every viewer ever seen", () => {
    const buckets = new MemoryBuckets(HEART_SENDS_PER_VIEWER);
    const at = 5_000_000;
    for (let viewer = 0; viewer < 100; viewer += 1) buckets.take(`viewer-${viewer}`, at);
    expect(buckets.size).toBe(100);
    buckets.take("late", at + 60_000);
    expect(buckets.size).toBe(1);
  });
});
