// The one way an error reaches a page of the admin or the creator portal. The app's own errors
// (ExplainedError) are shown in their own words; anything else is unexpected, so the page says
// so in plain words with an error id, and the log keeps the error under that id: the merchant
// quotes the id, support finds the stack. No raw message reaches a page: it may name a provider's
// internals, a database constraint or somebody else's data.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { ExplainedError } from "./explained-error";
import { log as appLog } from "./log.server";

/** Letters and digits that survive being read out over the phone: no I/1, L, O/0, U. */
const ID_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

export function newErrorId(): string {
  return [...randomBytes(8)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join("");
}

/** What a person reads for an error nobody wrote words for. */
export function unexpectedErrorWords(errorId: string): string {
  return `Something went wrong on our side. Try again in a moment; if it keeps happening, quote error ${errorId} when you ask for help.`;
}

/**
 * The words for `error` on a page. `context` (shop, show, intent...) goes to the log with it.
 * A thrown Response (a redirect, Shopify's re-authentication) is not an error: it is thrown on,
 * for Remix and App Bridge to act on.
 */
export function explainError(error: unknown, context: Record<string, unknown> = {}, logger: Logger = appLog): string {
  if (error instanceof Response) throw error;
  if (error instanceof ExplainedError) {
    // A provider's failure behind the words is worth a line (its message says more than the
    // words); a refusal in the app's own words is not.
    if (error.message !== error.explanation) logger.warn({ err: error, ...context }, error.message);
    return error.explanation;
  }
  const errorId = newErrorId();
  logger.error({ err: error, errorId, ...context }, `unexpected error ${errorId}, shown as generic words`);
  return unexpectedErrorWords(errorId);
}
