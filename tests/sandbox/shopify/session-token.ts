// Session tokens as Shopify's admin hands them to an embedded app (App Bridge's idToken()):
// an HS256 JWT signed with the app's secret, with the claims Shopify really sends.
import { randomBytes, randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export interface SessionTokenInput {
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** The staff member's numeric user id; Shopify's tokens always name one. */
  userId?: string;
  /** Shopify's tokens live one minute. */
  ttlSeconds?: number;
  now?: Date;
}

export const DEFAULT_SANDBOX_USER_ID = "130000000001";

export async function mintSessionToken({
  shop,
  apiKey,
  apiSecret,
  userId = DEFAULT_SANDBOX_USER_ID,
  ttlSeconds = 60,
  now = new Date(),
}: SessionTokenInput): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: userId,
    exp: issuedAt + ttlSeconds,
    nbf: issuedAt,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomBytes(16).toString("hex"),
    sig: randomBytes(32).toString("hex"),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(apiSecret));
}
