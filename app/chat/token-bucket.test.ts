import { describe, expect, it } from "vitest";
import { retryAfterSeconds, takeToken, type TokenBucketRule } from "./token-bucket";

const ONE_PER_TWO_SECONDS_BURST_FIVE: TokenBucketRule = { name: "chat", intervalMs: 2000, burst: 5 };
const NOW = Date.now();

/** Hits at the given offsets (ms from NOW): which were allowed. */
function run(offsets: number[], rule = ONE_PER_TWO_SECONDS_BURST_FIVE): boolean[] {
  let fullAt: number | null = null;
  return offsets.map((offset) => {
    const take = takeToken(fullAt, rule, NOW + offset);
    if (take.allowed) fullAt = take.fullAt;
    return take.allowed;
  });
}

describe("a token bucket of one per 2 s with bursts of 5", () => {
  it("allows a burst of five at once and refuses the sixth, saying when the next is free", () => {
    expect(run([0, 0, 0, 0, 0, 0])).toEqual([true, true, true, true, true, false]);
    let fullAt: number | null = null;
    for (let hit = 0; hit < 5; hit += 1) fullAt = (takeToken(fullAt, ONE_PER_TWO_SECONDS_BURST_FIVE, NOW) as { fullAt: number }).fullAt;
    expect(takeToken(fullAt, ONE_PER_TWO_SECONDS_BURST_FIVE, NOW)).toEqual({ allowed: false, retryAfterMs: 2000 });
    expect(takeToken(fullAt, ONE_PER_TWO_SECONDS_BURST_FIVE, NOW + 1999)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(takeToken(fullAt, ONE_PER_TWO_SECONDS_BURST_FIVE, NOW + 2000)).toMatchObject({ allowed: true });
  });

  it("refills one token every 2 s after a burst, not the whole bucket at once", () => {
    expect(run([0, 0, 0, 0, 0, 2000, 2000, 4000, 4000])).toEqual([true, true, true, true, true, true, false, true, false]);
  });

  it("allows one every 2 s for ever, and a refused hit costs nothing", () => {
    const steady = Array.from({ length: 50 }, (_, index) => index * 2000);
    expect(run(steady).every(Boolean)).toBe(true);
    // Hammering while empty does not push the next free moment further away.
    expect(run([0, 0, 0, 0, 0, 100, 200, 300, 400, 2000])).toEqual([true, true, true, true, true, false, false, false, false, true]);
  });

  it("is full again after a quiet spell of burst × interval, however long it was used before", () => {
    const busy = Array.from({ length: 5 }, () => 0);
    expect(run([...busy, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000])).toEqual([true, true, true, true, true, true, true, true, true, true, false]);
  });

  it("with a burst of one is slow mode: one hit per interval", () => {
    const slow: TokenBucketRule = { name: "slow", intervalMs: 30_000, burst: 1 };
    expect(run([0, 1000, 29_999, 30_000, 30_001], slow)).toEqual([true, false, false, true, false]);
  });
});

describe("Retry-After", () => {
  it("is whole seconds rounded up, at least 1", () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(2000)).toBe(2);
    expect(retryAfterSeconds(2001)).toBe(3);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});
