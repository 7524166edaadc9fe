import { describe, expect, it } from "vitest";
import { findBlockedWord, parseBlockedWords } from "./blocked-words";

describe("the blocked-words list as the merchant writes it", () => {
  it("takes one entry a line or between commas, trimmed and lower-cased, without blanks or repeats", () => {
    expect(parseBlockedWords(" Spam \n\nscam, SCAM ,buy now\r\n  *  \nfree   money")).toEqual(["spam", "scam", "buy now", "free money"]);
    expect(parseBlockedWords("")).toEqual([]);
  });
});

describe("a message holding a blocked word", () => {
  const list = parseBlockedWords("spam\nfree money\nscam*\nidiot\nfan");

  it("is found whatever the case, with the entry it matched", () => {
    expect(findBlockedWord("This is SPAM!", list)).toBe("spam");
    expect(findBlockedWord("Get FREE   money here", list)).toBe("free money");
    expect(findBlockedWord("what a Scammer", list)).toBe("scam*");
  });

  it("is found through disguises: digits and symbols for letters, letters spaced out", () => {
    expect(findBlockedWord("5p4m", list)).toBe("spam");
    expect(findBlockedWord("$pam here", list)).toBe("spam");
    expect(findBlockedWord("you 1d10t", list)).toBe("idiot");
    expect(findBlockedWord("s p a m", list)).toBe("spam");
    expect(findBlockedWord("i-d-i-o-t", list)).toBe("idiot");
  });

  it("matches whole words only, so innocent words that contain one pass", () => {
    for (const text of ["spammy? no, spamalot", "scarf", "fantastic fans", "a free gift and money back", "Skärgårdsfan"]) {
      expect(findBlockedWord(text, parseBlockedWords("spam\nfree money\nfan"))).toBeNull();
    }
    expect(findBlockedWord("the scam artist", list)).toBe("scam*");
  });

  it("is matched in any language and script the merchant writes", () => {
    const nordic = parseBlockedWords("jävla\ndrittsekk\nkut*");
    expect(findBlockedWord("JÄVLA skit", nordic)).toBe("jävla");
    expect(findBlockedWord("din drittsekk!", nordic)).toBe("drittsekk");
    expect(findBlockedWord("kutwijf", nordic)).toBe("kut*");
    expect(findBlockedWord("javla", nordic)).toBeNull();
  });

  it("is never found with an empty list", () => {
    expect(findBlockedWord("anything at all", [])).toBeNull();
  });
});
