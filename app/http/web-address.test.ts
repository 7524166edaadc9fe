import { describe, expect, it } from "vitest";
import { httpsAddress, isWebAddress } from "./web-address";

describe("isWebAddress", () => {
  it("takes https addresses only", () => {
    expect(isWebAddress("https://cdn.shopify.com/s/files/cover.jpg")).toBe(true);
    for (const value of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "http://cdn.example/cover.jpg", "//cdn.example/x.jpg", "cover.jpg", "https://", "ftp://x/y"]) {
      expect(isWebAddress(value), value).toBe(false);
    }
  });

  it("takes http on this machine only when asked (the sandbox's catalog images)", () => {
    expect(isWebAddress("http://127.0.0.1:4100/cdn/products/scarf.svg")).toBe(false);
    expect(isWebAddress("http://127.0.0.1:4100/cdn/products/scarf.svg", { loopbackHttp: true })).toBe(true);
    expect(isWebAddress("http://localhost/x.png", { loopbackHttp: true })).toBe(true);
    expect(isWebAddress("http://cdn.example/x.png", { loopbackHttp: true })).toBe(false);
    expect(isWebAddress("http://127.0.0.1.evil.example/x.png", { loopbackHttp: true })).toBe(false);
  });

  it("says what to do in the schema's message", () => {
    const schema = httpsAddress("Use an https:// address");
    expect(schema.safeParse("javascript:alert(1)").error?.issues[0]?.message).toBe("Use an https:// address");
    expect(schema.safeParse(`https://x.example/${"a".repeat(3000)}`).success).toBe(false);
  });
});
