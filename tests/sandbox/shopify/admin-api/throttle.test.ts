import { describe, expect, it } from "vitest";
import { ThrottleSwitch } from "./throttle";

describe("the cost bucket", () => {
  it("throttles a call the bucket cannot pay for and refills at 100 points a second", () => {
    let now = 0;
    const bucket = new ThrottleSwitch(() => now);
    expect(bucket.take("a", 1500)).toMatchObject({ throttled: false, status: { currentlyAvailable: 500 } });
    expect(bucket.take("a", 600).throttled).toBe(true);
    expect(bucket.take("b", 600).throttled).toBe(false);
    now += 1000;
    expect(bucket.take("a", 600)).toMatchObject({ throttled: false, status: { currentlyAvailable: 0 } });
    expect(bucket.refund("a", 50).currentlyAvailable).toBe(50);
  });

  it("forces THROTTLED for exactly the next N calls", () => {
    const bucket = new ThrottleSwitch(() => 0);
    bucket.throttleNext(2);
    expect([bucket.take("a", 1), bucket.take("b", 1), bucket.take("a", 1)].map((call) => call.throttled)).toEqual([true, true, false]);
  });
});
