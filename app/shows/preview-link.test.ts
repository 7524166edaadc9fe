import { describe, expect, it } from "vitest";
import { PREVIEW_TTL_SECONDS, createPreviewToken, verifyPreviewToken } from "./preview-link.server";

const secret = "preview-test-secret";
const now = new Date();

describe("rehearsal preview tokens", () => {
  it("accepts its own token for the same shop and show until it expires", () => {
    const token = createPreviewToken("a.myshopify.com", "show1", now, secret);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show1", now, secret)).toMatchObject({ showId: "show1" });
    const justExpired = new Date(now.getTime() + PREVIEW_TTL_SECONDS * 1000);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show1", justExpired, secret)).toBeNull();
  });

  it("refuses a token for another show or shop, a tampered payload and another secret", () => {
    const token = createPreviewToken("a.myshopify.com", "show1", now, secret);
    expect(verifyPreviewToken(token, "a.myshopify.com", "show2", now, secret)).toBeNull();
    expect(verifyPreviewToken(token, "b.myshopify.com", "show1", now, secret)).toBeNull();
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ shop: "a.myshopify.com", showId: "show1", expiresAt: 9_999_999_999 })).toString("base64url");
    expect(verifyPreviewToken(`${forged}.${signature}`, "a.myshopify.com", "show1", now, secret)).toBeNull();
    expect(verifyPreviewToken(`${payload}.${signature}`, "a.myshopify.com", "show1", now, "other-secret")).toBeNull();
    expect(verifyPreviewToken("garbage", "a.myshopify.com", "show1", now, secret)).toBeNull();
  });
});
