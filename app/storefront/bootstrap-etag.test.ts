import { describe, expect, it } from "vitest";
import { bootstrapEtag, currentBrowserTag, VIEWER_PART_REUSE_MS } from "./bootstrap-etag";

const issuedAt = 1_000_000_000_000;
const guest = { signedIn: false, reminderSaved: false };

describe("the bootstrap's validator", () => {
  const etag = bootstrapEtag("abc", { issuedAt, ...guest });

  it("matches an unchanged snapshot while the viewer's part is fresh, weak or strong, among other tags", () => {
    expect(currentBrowserTag(etag, "abc", guest, issuedAt + 1_000)).toBe(etag);
    expect(currentBrowserTag(`W/${etag}`, "abc", guest, issuedAt + 1_000)).toBe(etag);
    expect(currentBrowserTag(`"other", ${etag}`, "abc", guest, issuedAt + 1_000)).toBe(etag);
  });

  it("does not match a changed snapshot", () => {
    expect(currentBrowserTag(etag, "abd", guest, issuedAt + 1_000)).toBeNull();
  });

  it("does not match once the viewer's part is too old to reuse, or from the future", () => {
    expect(currentBrowserTag(etag, "abc", guest, issuedAt + VIEWER_PART_REUSE_MS)).toBeNull();
    expect(currentBrowserTag(etag, "abc", guest, issuedAt - 1_000)).toBeNull();
  });

  it("does not match when the shopper signed in or saved a reminder since", () => {
    expect(currentBrowserTag(etag, "abc", { signedIn: true, reminderSaved: false }, issuedAt + 1_000)).toBeNull();
    const signedIn = bootstrapEtag("abc", { issuedAt, signedIn: true, reminderSaved: false });
    expect(currentBrowserTag(signedIn, "abc", { signedIn: true, reminderSaved: true }, issuedAt + 1_000)).toBeNull();
  });

  it("ignores what is not one of its tags", () => {
    for (const header of [null, "", "*", '"abc"', '"abc.zz.0.1"', '"abc.-1.0"', "abc.1.0"]) {
      expect(currentBrowserTag(header, "abc", guest, issuedAt + 1_000)).toBeNull();
    }
  });
});
