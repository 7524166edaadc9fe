import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_CHARACTERS, checkMessageText, checkNickname, countCharacters, normaliseText, removeLinks } from "./message-text";

describe("a message's length", () => {
  it("allows exactly 300 characters and refuses 301, with both numbers in the reason", () => {
    expect(checkMessageText("a".repeat(MAX_MESSAGE_CHARACTERS))).toEqual({ ok: true, text: "a".repeat(300), linksRemoved: 0 });
    expect(checkMessageText("a".repeat(301))).toEqual({ ok: false, reason: "too_long", error: "A message is at most 300 characters; this one has 301" });
  });

  it("counts what a reader sees: an emoji with its skin tone, a family, an accented letter are one character each", () => {
    expect(countCharacters("👍🏽")).toBe(1);
    expect(countCharacters("👩‍👩‍👧")).toBe(1);
    expect(countCharacters("e\u0301")).toBe(1);
    expect(checkMessageText("👍🏽".repeat(300)).ok).toBe(true);
    expect(checkMessageText("👍🏽".repeat(301)).ok).toBe(false);
  });

  it("is measured after spaces are collapsed and invisible characters removed, so padding neither passes nor fails a message", () => {
    expect(checkMessageText(`  ${"b".repeat(300)}\n\n  `)).toMatchObject({ ok: true });
    expect(checkMessageText(`${"c".repeat(299)}${"\u200b".repeat(50)}d`)).toMatchObject({ ok: true, text: `${"c".repeat(299)}d` });
  });

  it("refuses a message that is empty, or only spaces and invisible characters", () => {
    for (const raw of ["", "   ", "\n\t", "\u200b\u202e\u2066"]) expect(checkMessageText(raw)).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("normalised text", () => {
  it("is one line with single spaces, without direction overrides, zero-width or control characters", () => {
    expect(normaliseText("Hello\n\nthere\tfriend")).toBe("Hello there friend");
    expect(normaliseText("abc\u202Egnp.exe")).toBe("abcgnp.exe");
    expect(normaliseText("sp\u200bam\u00ad \u0007bell")).toBe("spam bell");
    // The zero-width joiner builds emoji sequences: it stays.
    expect(normaliseText("👩‍👩‍👧")).toBe("👩‍👩‍👧");
  });

  it("is NFC, so a letter typed as two code points and as one are the same text", () => {
    expect(normaliseText("Malmo\u0308")).toBe("Malmö");
  });
});

describe("links", () => {
  it("are removed wherever they are: with a scheme, www, a bare domain with a path, an email address", () => {
    const cases: [string, string][] = [
      ["see https://evil.example/x?y=1 now", "see now"],
      ["HTTP://EVIL.EXAMPLE", ""],
      ["go to www.cheap-sweaters.biz for more", "go to for more"],
      ["cheap at bit.ly/abc123 and shop.example.com/sale", "cheap at and"],
      ["mail me at anna@example.com", "mail me at"],
      ["click javascript:alert(1)", "click"],
      ["ftp://files.example.org/a and sms:+4670000", "and"],
      ["visit evil.se:8080/path", "visit"],
    ];
    for (const [raw, kept] of cases) expect(removeLinks(raw).text, raw).toBe(kept);
  });

  it("count how many were removed, and leave text without links as it was", () => {
    expect(removeLinks("two links: a.com and b.net")).toEqual({ text: "two links: and", removed: 2 });
    for (const text of ["e.g. the blue one", "version 2.1 is out", "size M/L?", "10.5 cm", "Is it 100% wool?", "I <3 it", "LIVE-ABC234"]) {
      expect(removeLinks(text)).toEqual({ text, removed: 0 });
    }
  });

  it("make a message that was only links a refusal, and are taken out of a message that has more", () => {
    expect(checkMessageText("https://spam.example")).toEqual({ ok: false, reason: "only_links", error: "Links are not allowed in the chat" });
    expect(checkMessageText("Love it! more at spam.shop")).toEqual({ ok: true, text: "Love it! more at", linksRemoved: 1 });
  });
});

describe("a guest's nickname", () => {
  it("is required, at most 24 characters, and not a link", () => {
    expect(checkNickname("  Anna  ")).toEqual({ ok: true, nickname: "Anna" });
    expect(checkNickname(undefined)).toMatchObject({ ok: false, reason: "nickname_required" });
    expect(checkNickname("\u200b ")).toMatchObject({ ok: false, reason: "nickname_required" });
    expect(checkNickname("a".repeat(24))).toMatchObject({ ok: true });
    expect(checkNickname("a".repeat(25))).toMatchObject({ ok: false, reason: "nickname_too_long" });
    expect(checkNickname("deals.shop")).toMatchObject({ ok: false, reason: "nickname_link" });
  });
});
