// What a chat message or a nickname may be, as text. The player writes messages as text (never
// markup), so nothing here escapes HTML; it removes what would let a message look like something
// else (direction overrides, invisible characters), what would send viewers elsewhere (links),
// and it measures length as a viewer sees it (an emoji is one character).

export const MAX_MESSAGE_CHARACTERS = 300;
export const MAX_NICKNAME_CHARACTERS = 24;

// Bidi overrides and isolates (which can reverse what follows), zero-width spaces, the word joiner,
// the BOM, soft hyphens and control characters: invisible, and a way to slip a blocked word or a
// link past the rules. The zero-width joiner stays: emoji sequences (👩‍👩‍👧) are built with it.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line of visible text: Unicode NFC, invisible characters out, any run of spaces or newlines one space. */
export function normaliseText(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/g, " ").replace(INVISIBLE, "").replace(/ {2,}/g, " ").trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Characters as a reader counts them: "👍🏽" and "é" are one each. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** The first `max` characters as a reader counts them. */
export function truncateCharacters(text: string, max: number): string {
  let kept = "";
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (count === max) break;
    kept += segment;
    count += 1;
  }
  return kept;
}

// Top-level domains that bare links in chat spam use; a word like "e.g." or "v2.1" is left alone.
const TLDS = [
  "com", "net", "org", "info", "biz", "io", "co", "me", "app", "dev", "shop", "store", "online", "site", "website", "xyz", "top", "click", "link",
  "live", "tv", "gg", "ly", "to", "cc", "ws", "ru", "cn", "se", "no", "nu", "dk", "fi", "nl", "be", "de", "fr", "es", "it", "uk", "eu", "us", "ca", "au",
];
const LINKS = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, // anything with a scheme: https://, ftp://, …
  /\b(?:mailto|tel|sms|javascript|data):\S+/gi,
  /\bwww\d{0,3}\.\S+/gi,
  /[^\s@]+@[^\s@]+\.[a-z]{2,}\b/gi, // an email address
  new RegExp(`(?<![\\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS.join("|")})\\b(?::\\d{1,5})?(?:[/?#]\\S*)?`, "gi"),
];

/** The text with every link (URL, bare domain, email address) taken out, and how many there were. */
export function removeLinks(text: string): { text: string; removed: number } {
  let removed = 0;
  let rest = text;
  for (const pattern of LINKS) {
    rest = rest.replace(pattern, () => {
      removed += 1;
      return " ";
    });
  }
  return { text: removed ? rest.replace(/ {2,}/g, " ").trim() : rest, removed };
}

export type TextVerdict =
  | { ok: true; text: string; linksRemoved: number }
  | { ok: false; reason: "empty" | "too_long" | "only_links"; error: string };

/** A message as it will be stored and shown, or why it cannot be. */
export function checkMessageText(raw: string): TextVerdict {
  const normalised = normaliseText(raw);
  if (!normalised) return { ok: false, reason: "empty", error: "Write a message first" };
  const length = countCharacters(normalised);
  if (length > MAX_MESSAGE_CHARACTERS) {
    return { ok: false, reason: "too_long", error: `A message is at most ${MAX_MESSAGE_CHARACTERS} characters; this one has ${length}` };
  }
  const { text, removed } = removeLinks(normalised);
  if (!text) return { ok: false, reason: "only_links", error: "Links are not allowed in the chat" };
  return { ok: true, text, linksRemoved: removed };
}

export type NicknameVerdict = { ok: true; nickname: string } | { ok: false; reason: "nickname_required" | "nickname_too_long" | "nickname_link"; error: string };

/** The name shown beside a viewer's messages (a guest's nickname, a customer's first name): no links, and short. */
export function checkNickname(raw: string | undefined): NicknameVerdict {
  const nickname = normaliseText(raw ?? "");
  if (!nickname) return { ok: false, reason: "nickname_required", error: "Choose a nickname to chat" };
  if (countCharacters(nickname) > MAX_NICKNAME_CHARACTERS) {
    return { ok: false, reason: "nickname_too_long", error: `A nickname is at most ${MAX_NICKNAME_CHARACTERS} characters` };
  }
  if (removeLinks(nickname).removed) return { ok: false, reason: "nickname_link", error: "A nickname cannot be a link" };
  return { ok: true, nickname };
}
