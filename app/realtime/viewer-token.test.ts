import { describe, expect, it } from "vitest";
import { readViewerToken, signViewerToken, verifyViewerToken } from "./viewer-token.server";

const SECRET = "a-secret-for-tests";
const now = new Date();
const later = new Date(now.getTime() + 60_000);

describe("viewer tokens", () => {
  it("admits the show it was signed for until it expires", () => {
    const token = signViewerToken(SECRET, "show-1", later);
    expect(verifyViewerToken(SECRET, token, "show-1", now)).toBe(true);
    expect(verifyViewerToken(SECRET, token, "show-2", now)).toBe(false);
    expect(verifyViewerToken(SECRET, token, "show-1", later)).toBe(false);
  });

  it("refuses a token signed with another secret, altered, or missing", () => {
    const token = signViewerToken(SECRET, "show-1", later);
    expect(verifyViewerToken("another-secret", token, "show-1", now)).toBe(false);
    const [claims, mac] = token.split(".") as [string, string];
    const longer = Buffer.from(JSON.stringify({ showId: "show-1", exp: later.getTime() + 1 })).toString("base64url");
    expect(claims).not.toBe(longer);
    expect(verifyViewerToken(SECRET, `${longer}.${mac}`, "show-1", now)).toBe(false);
    expect(verifyViewerToken(SECRET, null, "show-1", now)).toBe(false);
    expect(verifyViewerToken(SECRET, "garbage", "show-1", now)).toBe(false);
  });

  it("says which viewer it is and whether it came through a preview link; an older token admits but names nobody", () => {
    const viewer = signViewerToken(SECRET, "show-1", later, { viewerId: "v-1", preview: false });
    const previewer = signViewerToken(SECRET, "show-1", later, { viewerId: "v-2", preview: true });
    expect(readViewerToken(SECRET, viewer, "show-1", now)).toEqual({ showId: "show-1", viewer: { viewerId: "v-1", preview: false } });
    expect(readViewerToken(SECRET, previewer, "show-1", now)).toEqual({ showId: "show-1", viewer: { viewerId: "v-2", preview: true } });
    expect(readViewerToken(SECRET, signViewerToken(SECRET, "show-1", later), "show-1", now)).toEqual({ showId: "show-1", viewer: null });
    expect(readViewerToken(SECRET, viewer, "show-2", now)).toBeNull();
  });
});
