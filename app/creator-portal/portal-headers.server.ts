// The creator portal is never framed. It lives on the app's own origin outside the embedded
// admin (nothing in the admin frames it), and it holds a creator's stream keys and payout
// buttons, which a page framing it could trick them into clicking.

export const PORTAL_FRAMING_HEADERS = {
  "Content-Security-Policy": "frame-ancestors 'none'",
  // For browsers that predate frame-ancestors.
  "X-Frame-Options": "DENY",
} as const;

/**
 * Whether a request is for the portal (/creator, /creator/..., and Remix's /creator.data). Shopify's
 * document headers must not apply there: given ?shop=, they allow that shop's admin to frame the page.
 */
export function isCreatorPortalPath(pathname: string): boolean {
  return /^\/creator(?:[/.]|$)/.test(pathname);
}
