import { signToken, verifyToken } from "~/lib/signed-token";

/**
 * A short-lived token that lets one viewer watch one show: the app proxy's bootstrap hands it
 * out, and a rehearsal's stream requires it. Signed with APP_SECRET (app/lib/signed-token.ts).
 */
export function signViewerToken(secret: string, showId: string, expiresAt: Date): string {
  return signToken(secret, "viewer", { showId }, expiresAt);
}

export function verifyViewerToken(secret: string, token: string | null, showId: string, now = new Date()): boolean {
  const check = verifyToken<{ showId: string }>(secret, "viewer", token, now);
  return check.ok && check.claims.showId === showId;
}
