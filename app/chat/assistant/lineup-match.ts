// Which lineup product and which of its option values a question is about. A product is named by
// the words of its title ("scarf" or "scarfen" for Wool Scarf); an option value by its words
// ("Moss", "size M"). Anything it cannot pin down with certainty is "unsure", and the assistant
// then says nothing: two products named alike, none named among several, a colour or size that
// the product does not come in.
import { COLOUR_ENDINGS, COLOUR_WORDS, SIZE_PATTERN, SIZE_WORDS } from "./languages";
import { findPhrase, phraseWords, type Token } from "./words";

export interface ProductOptions {
  id: string;
  title: string;
  /** Each variant's option values, in the product's option order; empty for a product without options. */
  variantValues: readonly (readonly string[])[];
}

export type LineupMatch<P> = { kind: "none" } | { kind: "unsure" } | { kind: "product"; product: P; values: string[] };

/** Shorter title words ("T" of T-shirt, "of") name nothing on their own. */
const MIN_TITLE_WORD = 3;
/** "scarfen", "shirtje", "muggen": a title word with a short ending still names the product. */
const MAX_TITLE_ENDING = 3;

function namesTitleWord(token: Token, titleWord: string): boolean {
  if (token.word === titleWord) return true;
  return token.word.startsWith(titleWord) && token.word.length - titleWord.length <= MAX_TITLE_ENDING;
}

function titleScore(tokens: readonly Token[], title: string): number {
  const words = [...new Set(phraseWords(title).filter((word) => word.length >= MIN_TITLE_WORD))];
  return words.filter((word) => tokens.some((token) => namesTitleWord(token, word))).length;
}

const isOneLetter = (value: string) => /^\p{L}$/u.test(value);

/** Indexes of the tokens a value covers, or null when the question does not name it. */
function valueSpan(tokens: readonly Token[], value: string): number[] | null {
  const words = phraseWords(value);
  if (!words.length) return null;
  for (let start = findPhrase(tokens, words); start >= 0; ) {
    const token = tokens[start] as Token;
    // "m" in running text is rarely a size; "M", or "size m", is.
    const sure = !isOneLetter(value) || token.raw === token.raw.toUpperCase() || SIZE_WORDS.includes(tokens[start - 1]?.word ?? "");
    if (sure) return words.map((_, offset) => start + offset);
    const next = findPhrase(tokens.slice(start + 1), words);
    start = next < 0 ? -1 : start + 1 + next;
  }
  return null;
}

function isColourWord(word: string): boolean {
  return COLOUR_WORDS.some((colour) => word.startsWith(colour) && COLOUR_ENDINGS.includes(word.slice(colour.length)));
}

function isSizeWord(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index] as Token;
  const afterSizeWord = SIZE_WORDS.includes(tokens[index - 1]?.word ?? "");
  if (/^\d{2}$/.test(token.word)) return afterSizeWord;
  if (!SIZE_PATTERN.test(token.raw)) return false;
  return token.raw.length > 1 || token.raw === token.raw.toUpperCase() || afterSizeWord;
}

/** The lineup's option values the question names, and whether it names a colour or size that none of them is. */
function namedValues(tokens: readonly Token[], products: readonly ProductOptions[]): { values: string[]; unknown: boolean } {
  const covered = new Set<number>();
  const values = new Set<string>();
  for (const value of new Set(products.flatMap((product) => product.variantValues.flat()))) {
    const span = valueSpan(tokens, value);
    if (!span) continue;
    values.add(value);
    for (const index of span) covered.add(index);
  }
  const unknown = tokens.some((token, index) => !covered.has(index) && (isColourWord(token.word) || isSizeWord(tokens, index)));
  return { values: [...values], unknown };
}

const offers = (product: ProductOptions, values: readonly string[]) =>
  values.every((value) => product.variantValues.some((variant) => variant.includes(value)));

export function matchLineup<P extends ProductOptions>(tokens: readonly Token[], products: readonly P[]): LineupMatch<P> {
  const { values, unknown } = namedValues(tokens, products);
  if (unknown) return { kind: "unsure" };
  const scored = products.map((product) => ({ product, score: titleScore(tokens, product.title) }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  const named = best > 0 ? scored.filter((entry) => entry.score === best).map((entry) => entry.product) : [];
  const candidates = (named.length ? named : products).filter((product) => offers(product, values));
  if (named.length === 0 && values.length === 0 && products.length > 1) return { kind: "none" };
  if (candidates.length !== 1) return { kind: "unsure" };
  return { kind: "product", product: candidates[0] as P, values };
}
