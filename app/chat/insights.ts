// Chat insights: which lineup products a show's viewers ask about. A message mentions a product
// when it names it, and viewers name products loosely ("is the merino sweater warm?", "linen
// shirts in M?"), so words are compared after folding case and accents, with short endings
// (plurals, Swedish and Dutch inflections) allowed. A word that several lineup products share
// ("shirt" in "Linen Shirt" and "Oxford Shirt") names none of them by itself: it counts only with
// a word of the product's own, or when the message holds the whole title. Pure, so the control
// room (live) and the report (stored messages) count alike.

export interface LineupTitle {
  productId: string;
  title: string;
}

export interface CountedMessage {
  body: string;
  question: boolean;
}

export interface ProductChatCount {
  productId: string;
  title: string;
  /** Questions that mention the product. */
  questions: number;
  /** Every message that mentions it, questions included. */
  mentions: number;
}

/** Words of a title that name nothing by themselves, in the languages the chat is asked in (accents folded). */
const STOP_WORDS = new Set(["the", "and", "with", "for", "from", "new", "och", "med", "fra", "til", "den", "det", "ett", "het", "een", "van", "met", "voor"]);
const MIN_WORD = 3;
/** A word and its inflections: "sweater" / "sweaters", "tröja" / "tröjan", "jurk" / "jurken". */
const MIN_STEM = 4;
const MAX_ENDING = 3;

/** Lower case, accents folded, split on anything that is not a letter or a digit. */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Swedish and Norwegian plurals replace a final vowel ("tröja" / "tröjor"): compare without it. */
const stemOf = (word: string) => (word.length > MIN_STEM && /[aeo]$/.test(word) ? word.slice(0, -1) : word);

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = [stemOf(a), stemOf(b)].sort((x, y) => x.length - y.length) as [string, string];
  return short.length >= MIN_STEM && long.length - short.length <= MAX_ENDING && long.startsWith(short);
}

const titleWords = (title: string) => [...new Set(wordsOf(title).filter((word) => word.length >= MIN_WORD && !STOP_WORDS.has(word)))];

/** A function from a message's text to the ids of the lineup products it mentions. */
export function productMatcher(lineup: readonly LineupTitle[]): (body: string) => string[] {
  const products = lineup.map((product) => ({ productId: product.productId, words: titleWords(product.title) })).filter((product) => product.words.length > 0);
  const owners = (word: string) => products.filter((product) => product.words.some((own) => sameWord(own, word))).length;
  const withOwnWord = products.map((product) => ({ ...product, own: new Set(product.words.filter((word) => owners(word) === 1)) }));
  return (body) => {
    const said = wordsOf(body);
    return withOwnWord
      .filter(({ words, own }) => {
        const named = words.filter((word) => said.some((spoken) => sameWord(word, spoken)));
        return named.length === words.length || named.some((word) => own.has(word));
      })
      .map((product) => product.productId);
  };
}

/** Each lineup product's questions and mentions, in lineup order. */
export function countProductMentions(lineup: readonly LineupTitle[], messages: Iterable<CountedMessage>): ProductChatCount[] {
  let counts = lineup.map((product) => ({ productId: product.productId, title: product.title, questions: 0, mentions: 0 }));
  const mentions = productMatcher(lineup);
  for (const message of messages) counts = tallyMessage(counts, mentions(message.body), message.question, 1);
  return counts;
}

/** The counts with one message added (delta 1) or taken away (delta -1, a message hidden). */
export function tallyMessage(counts: readonly ProductChatCount[], productIds: readonly string[], question: boolean, delta: 1 | -1): ProductChatCount[] {
  return counts.map((count) =>
    productIds.includes(count.productId)
      ? { ...count, mentions: Math.max(0, count.mentions + delta), questions: question ? Math.max(0, count.questions + delta) : count.questions }
      : count,
  );
}

/** The products viewers talk about, most asked first (then most mentioned), at most `limit`. */
export function mostAsked(counts: readonly ProductChatCount[], limit = 5): ProductChatCount[] {
  return counts
    .filter((count) => count.mentions > 0)
    .sort((a, b) => b.questions - a.questions || b.mentions - a.mentions)
    .slice(0, limit);
}
