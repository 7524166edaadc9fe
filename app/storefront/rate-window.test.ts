import { describe, expect, it } from "vitest";
import { fromNow, shifted } from "../../tests/support/clock";
import { freeSlot, retryAfterSeconds, type RateLimitRule } from "./rate-window";

const FIVE_PER_TEN_MINUTES: RateLimitRule = { name: "signups", limit: 5, windowMs: 10 * 60_000 };
const NOW = fromNow({});
const ago = (minutes: number) => shifted(NOW, { minutes: -minutes });

describe("a sliding-window limit kept as slots", () => {
  it("allows the first `limit` hits, in slot order", () => {
    const used = new Map<number, Date>();
    for (let hit = 0; hit < 5; hit += 1) {
      const slot = freeSlot(used, FIVE_PER_TEN_MINUTES, NOW);
      expect(slot).toBe(hit);
      used.set(slot as number, NOW);
    }
    expect(freeSlot(used, FIVE_PER_TEN_MINUTES, NOW)).toBeNull();
  });

  it("frees a slot exactly a whole window after its use, not a moment sooner", () => {
    const used = new Map([0, 1, 2, 3, 4].map((slot) => [slot, ago(9 - slot)] as const));
    // Slot 4 was used 5 minutes ago, slot 0 nine: none has left the window.
    expect(freeSlot(used, FIVE_PER_TEN_MINUTES, NOW)).toBeNull();
    expect(freeSlot(used, FIVE_PER_TEN_MINUTES, shifted(NOW, { seconds: 59 }))).toBeNull();
    expect(freeSlot(used, FIVE_PER_TEN_MINUTES, shifted(NOW, { minutes: 1 }))).toBe(0);
  });

  it("counts every window, not calendar blocks: five at the end of one block and five at the start of the next are refused", () => {
    const used = new Map([0, 1, 2, 3, 4].map((slot) => [slot, ago(1)] as const));
    // A fixed ten-minute block would start afresh a minute from now; a sliding window does not.
    expect(freeSlot(used, FIVE_PER_TEN_MINUTES, shifted(NOW, { minutes: 2 }))).toBeNull();
    expect(freeSlot(used, FIVE_PER_TEN_MINUTES, shifted(NOW, { minutes: 9 }))).toBe(0);
  });

  it("takes a slot nobody used before it reuses an old one, whatever the order", () => {
    expect(freeSlot(new Map([[0, NOW], [2, NOW]]), FIVE_PER_TEN_MINUTES, NOW)).toBe(1);
    expect(freeSlot(new Map([[0, NOW], [1, ago(11)]]), FIVE_PER_TEN_MINUTES, NOW)).toBe(1);
  });

  it("ignores slots beyond a limit that was lowered", () => {
    const used = new Map([0, 1, 2, 3, 4].map((slot) => [slot, NOW] as const));
    expect(freeSlot(used, { ...FIVE_PER_TEN_MINUTES, limit: 3 }, NOW)).toBeNull();
    expect(freeSlot(used, { ...FIVE_PER_TEN_MINUTES, limit: 6 }, NOW)).toBe(5);
  });
});

describe("Retry-After", () => {
  it("is when the oldest use in the window leaves it, in whole seconds rounded up", () => {
    expect(retryAfterSeconds([ago(9), ago(3), NOW], FIVE_PER_TEN_MINUTES, NOW)).toBe(60);
    expect(retryAfterSeconds([shifted(NOW, { seconds: -599.5 })], FIVE_PER_TEN_MINUTES, NOW)).toBe(1);
    expect(retryAfterSeconds([NOW], { name: "emails", limit: 3, windowMs: 24 * 3_600_000 }, NOW)).toBe(24 * 3600);
  });

  it("is never less than a second, and leaves out uses already outside the window", () => {
    expect(retryAfterSeconds([], FIVE_PER_TEN_MINUTES, NOW)).toBe(1);
    expect(retryAfterSeconds([ago(30), ago(2)], FIVE_PER_TEN_MINUTES, NOW)).toBe(8 * 60);
  });
});
