// Words as the assistant compares them: lower case without accents, so a viewer who types
// "storrelse" or "hur manga" on a keyboard without ø or å is still understood.

export interface Token {
  /** As typed, for the case of a one-letter size ("M" is a size, "m" is not). */
  raw: string;
  /** Folded: lower case, accents and ø/æ written as plain letters. */
  word: string;
}

// NFD leaves these whole: they are letters of their own, not a letter with a mark.
const LETTERS: Record<string, string> = { ø: "o", æ: "ae", ß: "ss" };

export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæß]/g, (letter) => LETTERS[letter] ?? letter)
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

/** Words and numbers; an apostrophe inside a word keeps it whole, so "I'm" is never the size M. */
export function tokenize(text: string): Token[] {
  return (text.match(/[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu) ?? []).map((raw) => ({ raw, word: fold(raw) }));
}

/** Where a phrase of folded words ("do you have") starts in the tokens, or -1. */
export function findPhrase(tokens: readonly Token[], phrase: readonly string[]): number {
  for (let start = 0; start + phrase.length <= tokens.length; start += 1) {
    if (phrase.every((word, offset) => tokens[start + offset]?.word === word)) return start;
  }
  return -1;
}

/** "do you have" → ["do", "you", "have"], folded like the tokens. */
export const phraseWords = (phrase: string): string[] => tokenize(phrase).map((token) => token.word);
