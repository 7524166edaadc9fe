// Which show an order line says it was bought from. The storefront loader writes the show's id
// as a line property when it adds to the cart, and as a cart attribute as a fallback for
// themes or apps that drop line properties. Either can be forged by anyone with a browser, so
// a claim is only ever a question for the server (claim-check.ts), never an answer.

/** The key of the line property and of the cart attribute. The leading underscore hides it from the shopper at checkout. */
export const SHOW_CLAIM_KEY = "_live_show";

export type ShowClaimSource = "line property" | "cart attribute";

export interface ShowClaim {
  showId: string;
  source: ShowClaimSource;
}

type NameValuePairs = ReadonlyArray<{ name: string; value?: unknown }> | null | undefined;

/** The line's own property wins; the cart attribute speaks only for lines without one. */
export function showClaimOf(lineProperties: NameValuePairs, cartAttributes: NameValuePairs): ShowClaim | null {
  const fromLine = claimedShowId(lineProperties);
  if (fromLine !== null) return { showId: fromLine, source: "line property" };
  const fromCart = claimedShowId(cartAttributes);
  return fromCart === null ? null : { showId: fromCart, source: "cart attribute" };
}

function claimedShowId(pairs: NameValuePairs): string | null {
  const pair = pairs?.find((candidate) => candidate.name === SHOW_CLAIM_KEY);
  if (!pair || pair.value === null || pair.value === undefined) return null;
  // A non-string value is a forgery, but it still goes through the check so that it is logged.
  const showId = (typeof pair.value === "string" ? pair.value : JSON.stringify(pair.value)).trim();
  return showId === "" ? null : showId;
}
