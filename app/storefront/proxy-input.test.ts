import { describe, expect, it } from "vitest";
import { DEFAULT_PROXY_PATH, proxyPathOf, shopperAddress } from "./proxy-input";

describe("the shopper's address on an app proxy request", () => {
  it("is the address Shopify's proxy put first in X-Forwarded-For, whatever a load balancer appended after it", () => {
    expect(shopperAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(shopperAddress("203.0.113.9, 23.227.38.1")).toBe("203.0.113.9");
    expect(shopperAddress(" 2001:db8::5 ,10.0.0.1")).toBe("2001:db8::5");
    expect(shopperAddress("::ffff:198.51.100.7")).toBe("198.51.100.7");
  });

  it("is unknown without a readable address", () => {
    for (const header of [null, "", "not-an-ip", "unknown, 203.0.113.9"]) expect(shopperAddress(header)).toBe("unknown");
  });
});

describe("the proxy path links back through", () => {
  it("is the signed path_prefix a merchant chose, or the configured one", () => {
    expect(proxyPathOf("/apps/live")).toBe("/apps/live");
    expect(proxyPathOf("/tools/shows")).toBe("/tools/shows");
    expect(proxyPathOf(null)).toBe(DEFAULT_PROXY_PATH);
    for (const odd of ["https://evil.example/apps/live", "/apps/live/../x", "//evil.example", "/apps/"]) expect(proxyPathOf(odd)).toBe(DEFAULT_PROXY_PATH);
  });
});
