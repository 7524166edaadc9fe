import { describe, expect, it } from "vitest";
import { fromNow, shifted } from "../../tests/support/clock";
import { CONFIRMATION_TTL_MS, signConfirmationToken, verifyConfirmationToken } from "./confirmation-token";

const SECRET = "confirmation-test-secret";
const NOW = fromNow({});
const EXPIRES = new Date(NOW.getTime() + CONFIRMATION_TTL_MS);

describe("a reminder's confirmation token", () => {
  it("names its reminder while it is valid, for a day", () => {
    const token = signConfirmationToken(SECRET, "rem_123", EXPIRES);
    expect(verifyConfirmationToken(SECRET, token, NOW)).toEqual({ ok: true, reminderId: "rem_123" });
    expect(verifyConfirmationToken(SECRET, token, shifted(NOW, { hours: 23, minutes: 59 }))).toEqual({ ok: true, reminderId: "rem_123" });
    expect(CONFIRMATION_TTL_MS).toBe(24 * 3_600_000);
  });

  it("has expired from its expiry on, and still says which reminder it was for", () => {
    const token = signConfirmationToken(SECRET, "rem_123", EXPIRES);
    expect(verifyConfirmationToken(SECRET, token, EXPIRES)).toEqual({ ok: false, reason: "expired", reminderId: "rem_123" });
    expect(verifyConfirmationToken(SECRET, token, shifted(NOW, { days: 3 }))).toMatchObject({ ok: false, reason: "expired" });
  });

  it("is refused when signed with another secret, altered, or not a token at all", () => {
    const token = signConfirmationToken(SECRET, "rem_123", EXPIRES);
    const [claims, mac] = token.split(".") as [string, string];
    const invalid = { ok: false, reason: "invalid" };
    expect(verifyConfirmationToken("another-secret-entirely", token, NOW)).toEqual(invalid);
    // Another reminder, a later expiry, a truncated signature: none verifies, and none names a reminder.
    const altered = (change: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, "base64url").toString("utf8")), ...change })).toString("base64url");
    expect(verifyConfirmationToken(SECRET, `${altered({ reminderId: "rem_124" })}.${mac}`, NOW)).toEqual(invalid);
    expect(verifyConfirmationToken(SECRET, `${altered({ exp: EXPIRES.getTime() + CONFIRMATION_TTL_MS })}.${mac}`, NOW)).toEqual(invalid);
    expect(verifyConfirmationToken(SECRET, `${claims}.${mac.slice(1)}`, NOW)).toEqual(invalid);
    for (const junk of [null, undefined, "", "a.b", "a.b.c.d", `${claims}.${mac}.x`]) {
      expect(verifyConfirmationToken(SECRET, junk, NOW)).toEqual(invalid);
    }
  });

  it("is not another token the app signs with the same secret", async () => {
    const { signViewerToken } = await import("~/realtime/viewer-token.server");
    const viewer = signViewerToken(SECRET, "rem_123", EXPIRES);
    expect(verifyConfirmationToken(SECRET, viewer, NOW)).toEqual({ ok: false, reason: "invalid" });
  });
});
