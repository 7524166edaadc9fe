// The shop's blocked words: one word or phrase a line (commas separate too), matched as whole
// words whatever their case, a trailing * matching any ending ("spam*" blocks "spammer"). The
// usual disguises are seen through: letters spaced out ("s p a m"), digits and symbols for
// letters ("5p4m", "$pam"), invisible characters (gone before this runs, message-text.ts).

export const MAX_BLOCKED_WORDS = 500;
export const MAX_BLOCKED_WORD_CHARACTERS = 60;

interface BlockedWord {
  /** As the merchant wrote it, for the merchant's list. */
  entry: string;
  /** Its words, lower-cased. */
  words: string[];
  prefix: boolean;
}

/** The list as the settings page saves it: trimmed, lower-cased, without repeats or blanks. */
export function parseBlockedWords(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/[\n,]/)) {
    const entry = line.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase();
    if (entry && entry !== "*") seen.add(entry);
  }
  return [...seen];
}

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s", "!": "i", "|": "l", "+": "t" };

/** A word and its look-alike spelling: "$p4m!" is "pm" as written and "spami" with symbols read as letters. */
function spellings(token: string): string[] {
  const plain = token.replace(/[^\p{L}\p{N}]/gu, "");
  const leet = [...token].map((char) => LEET[char] ?? char).join("").replace(/[^\p{L}\p{N}]/gu, "");
  return plain === leet ? [plain] : [plain, leet];
}

/**
 * The text's words, each with its spellings, in order; then each run of three or more single
 * letters ("s p a m") as one more sequence holding the word they spell.
 */
function sequencesOf(text: string): string[][][] {
  const tokens = (text.normalize("NFKC").toLocaleLowerCase().match(/[\p{L}\p{N}@$!|+]+/gu) ?? []).map(spellings).filter((forms) => forms.some(Boolean));
  const sequences = [tokens];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 3) sequences.push([[run.join("")]]);
    run = [];
  };
  for (const forms of tokens) {
    if (forms.every((form) => form.length === 1)) run.push(forms.at(-1) as string);
    else flush();
  }
  flush();
  return sequences;
}

function compile(entries: readonly string[]): BlockedWord[] {
  return entries.flatMap((entry) => {
    const prefix = entry.endsWith("*");
    const words = (entry.replace(/\*+$/, "").match(/[\p{L}\p{N}@$!|+]+/gu) ?? []).map((word) => spellings(word).at(-1) as string).filter(Boolean);
    return words.length ? [{ entry, words, prefix }] : [];
  });
}

function matchesAt(tokens: string[][], start: number, blocked: BlockedWord): boolean {
  return blocked.words.every((word, index) => {
    const forms = tokens[start + index];
    if (!forms) return false;
    const last = index === blocked.words.length - 1;
    return forms.some((form) => (last && blocked.prefix ? form.startsWith(word) : form === word));
  });
}

/** The first blocked entry the text holds, or null. */
export function findBlockedWord(text: string, entries: readonly string[]): string | null {
  if (!entries.length) return null;
  const sequences = sequencesOf(text);
  for (const blocked of compile(entries)) {
    for (const tokens of sequences) {
      for (let start = 0; start < tokens.length; start += 1) if (matchesAt(tokens, start, blocked)) return blocked.entry;
    }
  }
  return null;
}
