// Mux's webhook signature: `mux-signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` computed
// over "<t>.<raw body>" with the webhook signing secret.
import { createHmac } from "node:crypto";

export function muxSignatureHeader(rawBody: string, secret: string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestampSeconds}.${rawBody}`).digest("hex");
  return `t=${timestampSeconds},v1=${v1}`;
}
