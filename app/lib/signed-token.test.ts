import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromNow, shifted } from "../../tests/support/clock";
import { signToken, verifyToken } from "./signed-token";

const SECRET = "signed-token-test-secret";
const NOW = fromNow({});
const EXPIRES = shifted(NOW, { hours: 1 });

describe("signed tokens", () => {
  it("carry their claims until they expire, and still name them after", () => {
    const token = signToken(SECRET, "viewer", { showId: "show-1" }, EXPIRES);
    expect(verifyToken(SECRET, "viewer", token, NOW)).toEqual({ ok: true, claims: { showId: "show-1" } });
    expect(verifyToken(SECRET, "viewer", token, EXPIRES)).toEqual({ ok: false, reason: "expired", claims: { showId: "show-1" } });
  });

  it("are refused for another purpose, with another secret, or altered", () => {
    const token = signToken(SECRET, "viewer", { showId: "show-1" }, EXPIRES);
    const [payload, mac] = token.split(".") as [string, string];
    const invalid = { ok: false, reason: "invalid" };
    expect(verifyToken(SECRET, "preview", token, NOW)).toEqual(invalid);
    expect(verifyToken("another-secret", "viewer", token, NOW)).toEqual(invalid);
    const forged = Buffer.from(JSON.stringify({ showId: "show-2", exp: EXPIRES.getTime() })).toString("base64url");
    expect(verifyToken(SECRET, "viewer", `${forged}.${mac}`, NOW)).toEqual(invalid);
    expect(verifyToken(SECRET, "viewer", `${payload}.${mac.slice(1)}`, NOW)).toEqual(invalid);
    for (const junk of [null, undefined, "", "a", "a.b.c", `${payload}.${mac}.x`, "x".repeat(5000)]) {
      expect(verifyToken(SECRET, "viewer", junk, NOW)).toEqual(invalid);
    }
  });

  it("refuse a genuine signature over claims that are not a token's", () => {
    const notClaims = Buffer.from("[1,2]").toString("base64url");
    const mac = createHmac("sha256", SECRET).update(`viewer:${notClaims}`).digest("base64url");
    expect(verifyToken(SECRET, "viewer", `${notClaims}.${mac}`, NOW)).toEqual({ ok: false, reason: "invalid" });
  });
});
