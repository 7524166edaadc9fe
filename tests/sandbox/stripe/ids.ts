// Stripe-shaped identifiers: a type prefix, an underscore and random base62 characters
// (acct_1Px..., tr_3Qa..., evt_1R...), so the app sees ids with the prefixes it will see in production.
import { randomBytes } from "node:crypto";

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // 256 % 62 leaves a slight bias towards the first characters; ids only need to be unique.
  for (const byte of bytes) out += base62[byte % 62];
  return out;
}

export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomBase62(length)}`;
}
