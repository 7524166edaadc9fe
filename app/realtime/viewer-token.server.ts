import { signToken, verifyToken } from "~/lib/signed-token";

/** Who a token says is watching: one viewer id per bootstrap, and whether it came through a preview link. */
export interface Viewer {
  viewerId: string;
  preview: boolean;
}

export interface ViewerToken {
  showId: string;
  /** Null in a token signed before viewers had ids: it admits, but counts nobody. */
  viewer: Viewer | null;
}

/**
 * A short-lived token that lets one viewer watch one show: the app proxy's bootstrap hands it
 * out, and a rehearsal's stream requires it. Signed with APP_SECRET (app/lib/signed-token.ts).
 * The viewer id is random, nothing about the person: it lets instances count each viewer once.
 */
export function signViewerToken(secret: string, showId: string, expiresAt: Date, viewer?: Viewer): string {
  const claims: Record<string, string> = viewer ? { showId, viewerId: viewer.viewerId, preview: viewer.preview ? "1" : "0" } : { showId };
  return signToken(secret, "viewer", claims, expiresAt);
}

/** The token's claims when it is genuine, current and for this show; null otherwise. */
export function readViewerToken(secret: string, token: string | null, showId: string, now = new Date()): ViewerToken | null {
  const check = verifyToken<{ showId: string; viewerId?: string; preview?: string }>(secret, "viewer", token, now);
  if (!check.ok || check.claims.showId !== showId) return null;
  const { viewerId, preview } = check.claims;
  return { showId, viewer: typeof viewerId === "string" && viewerId ? { viewerId, preview: preview === "1" } : null };
}

export function verifyViewerToken(secret: string, token: string | null, showId: string, now = new Date()): boolean {
  return readViewerToken(secret, token, showId, now) !== null;
}
