// A token bucket kept as one instant (the generic cell rate algorithm): a rule allows one hit per
// `intervalMs` on average and `burst` at once. The bucket's whole state is its "theoretical
// arrival time", when it would be full again; a hit is allowed while that lies at most
// (burst − 1) intervals ahead, and moves it one interval on. One instant per subject fits the
// app's shared RateLimitSlot table as a single row (chat-limits.server.ts).

export interface TokenBucketRule {
  /** Part of the key, so two rules never share a bucket. */
  name: string;
  intervalMs: number;
  burst: number;
}

export type TokenTake = { allowed: true; fullAt: number } | { allowed: false; retryAfterMs: number };

/** `fullAt`: the bucket's stored instant (ms), or null for a bucket never used (full). */
export function takeToken(fullAt: number | null, rule: TokenBucketRule, now: number): TokenTake {
  const from = Math.max(fullAt ?? now, now);
  const tolerance = (rule.burst - 1) * rule.intervalMs;
  if (from - now > tolerance) return { allowed: false, retryAfterMs: from - tolerance - now };
  return { allowed: true, fullAt: from + rule.intervalMs };
}

/** Whole seconds to wait, at least 1, for a Retry-After header. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
