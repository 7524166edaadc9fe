import { env } from "~/env.server";
import { signToken, verifyToken } from "~/lib/signed-token";

/** A rehearsal is visible only through this link, and only for a day. */
export const PREVIEW_TTL_SECONDS = 24 * 60 * 60;

interface PreviewClaims {
  shop: string;
  showId: string;
}

export function createPreviewToken(shop: string, showId: string, now = new Date(), secret = env().APP_SECRET): string {
  return signToken(secret, "preview", { shop, showId }, new Date(now.getTime() + PREVIEW_TTL_SECONDS * 1000));
}

/** The claims of a genuine, unexpired token for this shop and show; null for anything else. */
export function verifyPreviewToken(token: string, shop: string, showId: string, now = new Date(), secret = env().APP_SECRET): PreviewClaims | null {
  const check = verifyToken<{ shop: string; showId: string }>(secret, "preview", token, now);
  return check.ok && check.claims.shop === shop && check.claims.showId === showId ? check.claims : null;
}
