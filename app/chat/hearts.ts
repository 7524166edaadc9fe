// Hearts as the player sends them: the taps since its last send (at most 50), under the viewer
// token, at most a few sends a second per viewer. The player collects taps and sends them
// together; the server adds them up and tells the viewers one total a second (hearts.server.ts).
import { z } from "zod";
import { takeToken, type TokenBucketRule } from "./token-bucket";

export const MAX_TAPS_PER_REQUEST = 50;
/** The viewers hear the total at most this often, whichever instance counted the taps. */
export const HEARTS_TELL_INTERVAL_MS = 1_000;
/** One send a second per viewer, three at once: a player sending its taps once a second never meets it. */
export const HEART_SENDS_PER_VIEWER: TokenBucketRule = { name: "hearts-viewer", intervalMs: 1_000, burst: 3 };

export const heartsInput = z.object({
  token: z.string({ error: "The viewer token is missing: load the show again" }).min(1).max(2048),
  taps: z
    .number({ error: "Send taps as a whole number from 1 to 50" })
    .int({ error: "Send taps as a whole number from 1 to 50" })
    .min(1, "Send at least one tap")
    .max(MAX_TAPS_PER_REQUEST, `Send at most ${MAX_TAPS_PER_REQUEST} taps at once; send the rest in the next request`),
});

export type HeartsInput = z.infer<typeof heartsInput>;

/**
 * Token buckets held in memory, one instant per subject. Hearts are limited per instance and not
 * in the shared rate-limit table: a forged tap can only make a number bigger, and a database
 * write per send is the cost this path exists to avoid. Buckets that are full again are dropped.
 */
const PRUNE_EVERY_MS = 10_000;

export class MemoryBuckets {
  private readonly fullAt = new Map<string, number>();
  private prunedAt = 0;

  constructor(private readonly rule: TokenBucketRule) {}

  take(subject: string, now: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const take = takeToken(this.fullAt.get(subject) ?? null, this.rule, now);
    if (!take.allowed) return take;
    this.fullAt.set(subject, take.fullAt);
    if (now - this.prunedAt >= PRUNE_EVERY_MS) this.prune(now);
    return { allowed: true };
  }

  get size(): number {
    return this.fullAt.size;
  }

  private prune(now: number): void {
    this.prunedAt = now;
    for (const [subject, fullAt] of this.fullAt) if (fullAt <= now) this.fullAt.delete(subject);
  }
}
