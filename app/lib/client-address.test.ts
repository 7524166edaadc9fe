import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("client address", () => {
  const balancers = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

  it("is the socket's peer when no proxy is trusted, whatever the header says", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", parseTrustedProxies(undefined))).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "198.51.100.1", balancers)).toBe("203.0.113.9");
  });

  it("is the forwarded address when the peer is a trusted proxy", () => {
    expect(clientAddress("10.1.2.3", "198.51.100.1", balancers)).toBe("198.51.100.1");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1", balancers)).toBe("198.51.100.1");
  });

  it("skips trusted hops from the right and stops at the first untrusted one", () => {
    // The leftmost entry is whatever the client wrote; only the hops our proxies added are believed.
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9", balancers)).toBe("198.51.100.1");
    expect(clientAddress("10.1.2.3", ["6.6.6.6", "198.51.100.1"], balancers)).toBe("198.51.100.1");
    expect(clientAddress("fd00::1", "2001:db8::5", balancers)).toBe("2001:db8::5");
  });

  it("keeps the last good address when the chain holds something that is not an address", () => {
    expect(clientAddress("10.1.2.3", "not-an-ip, 10.2.2.2", balancers)).toBe("10.2.2.2");
    expect(clientAddress("10.1.2.3", "", balancers)).toBe("10.1.2.3");
  });

  it("refuses a configuration it cannot read", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("balancer.internal")).toThrow(/not an IP/);
  });
});
