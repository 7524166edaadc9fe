// What a viewer's message asks, before any data is read: its language and the one kind of
// answer it wants. Most chat is greetings and chatter; those end here, costing no lookup.
import { INTENTS, LANGUAGES, TABLES, type Intent, type Language } from "./languages";
import { findPhrase, phraseWords, tokenize, type Token } from "./words";

export interface Question {
  language: Language;
  intent: Intent;
  tokens: Token[];
}

export interface ReadOptions {
  /** The storefront's language (request.locale.iso_code): decides between languages a message fits equally. */
  locale?: string | null;
  /** The viewer sent it as a question for the host. */
  asked?: boolean;
}

/** "nb-NO" → no; a language the assistant does not answer in → null. */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const primary = (locale ?? "").toLowerCase().split(/[-_]/)[0];
  if (primary === "nb" || primary === "nn" || primary === "no") return "no";
  return LANGUAGES.find((language) => language === primary) ?? null;
}

// Folded once: every chat message is read against these.
const KNOWN_WORDS = new Map(LANGUAGES.map((language) => [language, new Set(TABLES[language].words.flatMap(phraseWords))]));
const INTENT_PHRASES = new Map(
  LANGUAGES.map((language) => [language, INTENTS.map((intent) => ({ intent, phrases: TABLES[language].intents[intent].map(phraseWords) }))]),
);

/**
 * The language with the most of its words in the message (a letter only it writes counts too).
 * Swedish and Norwegian share many words: a tie goes to the storefront's language when it is one
 * of those tied, and otherwise there is no answer rather than one in the wrong language.
 */
export function detectLanguage(text: string, tokens: readonly Token[], locale?: string | null): Language | null {
  const scores = LANGUAGES.map((language) => {
    const known = KNOWN_WORDS.get(language) as Set<string>;
    const letters = TABLES[language].letters?.test(text) ? 2 : 0;
    return { language, score: tokens.filter((token) => known.has(token.word)).length + letters };
  });
  const best = Math.max(...scores.map((entry) => entry.score));
  if (best === 0) return null;
  const tied = scores.filter((entry) => entry.score === best).map((entry) => entry.language);
  if (tied.length === 1) return tied[0] ?? null;
  const preferred = languageOfLocale(locale);
  return preferred && tied.includes(preferred) ? preferred : null;
}

function isQuestion(text: string, tokens: readonly Token[], language: Language, asked: boolean): boolean {
  const first = tokens[0]?.word;
  return asked || text.includes("?") || (first !== undefined && TABLES[language].openers.includes(first));
}

/** The question in a message, or null when it asks nothing the assistant answers. */
export function readQuestion(text: string, { locale = null, asked = false }: ReadOptions = {}): Question | null {
  const tokens = tokenize(text);
  const language = detectLanguage(text, tokens, locale);
  if (!language || !isQuestion(text, tokens, language, asked)) return null;
  const found = INTENT_PHRASES.get(language)?.find(({ phrases }) => phrases.some((phrase) => findPhrase(tokens, phrase) >= 0));
  return found ? { language, intent: found.intent, tokens } : null;
}
