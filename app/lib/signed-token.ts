// The app's one kind of signed token, for every link and ticket it hands out (viewer tokens,
// rehearsal preview links, reminder confirmations): `<claims>.<mac>`, the claims base64url JSON
// with an expiry, the MAC an HMAC-SHA256 with APP_SECRET over the token's purpose and the claims.
// The purpose is signed, so a token made for one use never passes for another.
import { createHmac, timingSafeEqual } from "node:crypto";

export type TokenCheck<Claims> =
  | { ok: true; claims: Claims }
  /** Claims only when the signature is genuine: an expired link still says what it was for. */
  | { ok: false; reason: "invalid" | "expired"; claims?: Claims };

const MAX_TOKEN_LENGTH = 2048;

function mac(secret: string, purpose: string, payload: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${payload}`).digest("base64url");
}

export function signToken(secret: string, purpose: string, claims: Record<string, string>, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, exp: expiresAt.getTime() })).toString("base64url");
  return `${payload}.${mac(secret, purpose, payload)}`;
}

/** The claims of a genuine token of this purpose; `expired` from its expiry on. */
export function verifyToken<Claims extends Record<string, string>>(secret: string, purpose: string, token: string | null | undefined, now = new Date()): TokenCheck<Claims> {
  const invalid = { ok: false, reason: "invalid" } as const;
  if (!token || token.length > MAX_TOKEN_LENGTH) return invalid;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length) return invalid;
  const expected = Buffer.from(mac(secret, purpose, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return invalid;
  }
  if (typeof parsed !== "object" || parsed === null || typeof (parsed as { exp?: unknown }).exp !== "number") return invalid;
  const { exp, ...claims } = parsed as { exp: number } & Claims;
  return exp > now.getTime() ? { ok: true, claims: claims as unknown as Claims } : { ok: false, reason: "expired", claims: claims as unknown as Claims };
}
