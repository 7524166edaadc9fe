import { describe, expect, it } from "vitest";
import { addressKey, ConnectionLimiter } from "./connection-limiter";

describe("ConnectionLimiter", () => {
  it("refuses an address past the limit until one of its streams closes", () => {
    const limiter = new ConnectionLimiter(2);
    expect([limiter.acquire("10.0.0.1"), limiter.acquire("10.0.0.1"), limiter.acquire("10.0.0.1")]).toEqual([true, true, false]);
    expect(limiter.acquire("10.0.0.2")).toBe(true);
    limiter.release("10.0.0.1");
    expect(limiter.acquire("10.0.0.1")).toBe(true);
  });

  it("counts an IPv4-mapped address as the IPv4 one and an IPv6 host by its /64", () => {
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("2001:db8:0:1::17")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001:ffff::1")).toBe("2001:db8:0:1::/64");
    const limiter = new ConnectionLimiter(1);
    expect(limiter.acquire("2001:db8:0:1::1")).toBe(true);
    expect(limiter.acquire("2001:db8:0:1::2")).toBe(false);
    expect(limiter.acquire("2001:db8:0:2::1")).toBe(true);
  });
});
