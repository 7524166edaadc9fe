import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A short-lived token that lets one viewer watch one show: the app proxy's bootstrap hands it
 * out, and a rehearsal's stream requires it. Signed with APP_SECRET; `<showId>.<expiry ms>.<mac>`.
 */
export function signViewerToken(secret: string, showId: string, expiresAt: Date): string {
  const body = `${showId}.${expiresAt.getTime()}`;
  return `${body}.${mac(secret, body)}`;
}

export function verifyViewerToken(secret: string, token: string | null, showId: string, now = new Date()): boolean {
  if (!token) return false;
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  const [tokenShowId, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(secret, `${tokenShowId}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return tokenShowId === showId && /^\d+$/.test(expiry) && Number(expiry) > now.getTime();
}

function mac(secret: string, body: string): string {
  return createHmac("sha256", secret).update(`viewer:${body}`).digest("base64url");
}
