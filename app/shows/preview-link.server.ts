import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";

/** A rehearsal is visible only through this link, and only for a day. */
export const PREVIEW_TTL_SECONDS = 24 * 60 * 60;

interface PreviewClaims {
  shop: string;
  showId: string;
  expiresAt: number; // unix seconds
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`preview:${payload}`).digest("base64url");
}

export function createPreviewToken(shop: string, showId: string, now = new Date(), secret = env().APP_SECRET): string {
  const payload = Buffer.from(JSON.stringify({ shop, showId, expiresAt: Math.floor(now.getTime() / 1000) + PREVIEW_TTL_SECONDS })).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a genuine, unexpired token for this shop and show; null for anything else. */
export function verifyPreviewToken(token: string, shop: string, showId: string, now = new Date(), secret = env().APP_SECRET): PreviewClaims | null {
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: PreviewClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as PreviewClaims;
  } catch {
    return null;
  }
  if (claims.shop !== shop || claims.showId !== showId) return null;
  return claims.expiresAt * 1000 > now.getTime() ? claims : null;
}
