import { describe, expect, it } from "vitest";
import { fromNow, shifted } from "../../tests/support/clock";
import { PREVIEW_TTL_SECONDS, activePreviewToken, createPreviewToken, verifyPreviewToken } from "./preview-link.server";

const secret = "preview-test-secret";
const now = fromNow({});
const expiresAt = shifted(now, { seconds: PREVIEW_TTL_SECONDS });
const link = { version: 3, expiresAt };

describe("preview link tokens", () => {
  it("accepts its own token for the same shop, show and stamp until it expires", () => {
    const token = createPreviewToken("a.myshopify.com", "show1", link, secret);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show1", 3, now, secret)).toBe(true);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show1", 3, shifted(expiresAt, { seconds: -1 }), secret)).toBe(true);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show1", 3, expiresAt, secret)).toBe(false);
  });

  it("stops accepting a token once the show's stamp has moved on (a new link, or a revocation)", () => {
    const token = createPreviewToken("a.myshopify.com", "show1", link, secret);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show1", 4, now, secret)).toBe(false);
  });

  it("refuses a token for another show or shop, a tampered payload and another secret", () => {
    const token = createPreviewToken("a.myshopify.com", "show1", link, secret);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show2", 3, now, secret)).toBe(false);
    expect(verifyPreviewToken(token, "b.myshopify.com", "show1", 3, now, secret)).toBe(false);
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ shop: "a.myshopify.com", showId: "show1", version: "4", exp: expiresAt.getTime() })).toString("base64url");
    expect(verifyPreviewToken(`${forged}.${signature}`, "a.myshopify.com", "show1", 4, now, secret)).toBe(false);
    expect(verifyPreviewToken(`${payload}.${signature}`, "a.myshopify.com", "show1", 3, now, "other-secret")).toBe(false);
    expect(verifyPreviewToken("garbage", "a.myshopify.com", "show1", 3, now, secret)).toBe(false);
  });
});

describe("the show's current link", () => {
  it("is the same token on every page load while it lasts, and none once expired or revoked", () => {
    const state = { previewVersion: 3, previewExpiresAt: expiresAt };
    const first = activePreviewToken("a.myshopify.com", "show1", state, now);
    expect(first).toEqual({ token: expect.any(String), expiresAt });
    expect(activePreviewToken("a.myshopify.com", "show1", state, shifted(now, { hours: 1 }))).toEqual(first);
    expect(activePreviewToken("a.myshopify.com", "show1", state, expiresAt)).toBeNull();
    expect(activePreviewToken("a.myshopify.com", "show1", { previewVersion: 4, previewExpiresAt: null }, now)).toBeNull();
  });
});
