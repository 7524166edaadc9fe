// The arithmetic of a sliding-window limit kept as slots: a rule allows `limit` hits in any
// `windowMs`, so it keeps `limit` slots, each remembering when it was last used. A hit may take a
// slot never used or last used a whole window ago; when none is free, the next one frees when the
// oldest use leaves the window. rate-limit.server.ts keeps the slots in the database.

export interface RateLimitRule {
  /** Part of the key, so two rules never share slots. */
  name: string;
  limit: number;
  windowMs: number;
}

/** The first slot a hit may take now, or null when all `limit` are in use. */
export function freeSlot(used: ReadonlyMap<number, Date>, rule: RateLimitRule, now: Date): number | null {
  for (let slot = 0; slot < rule.limit; slot += 1) {
    const usedAt = used.get(slot);
    if (usedAt === undefined || isFree(usedAt, rule, now)) return slot;
  }
  return null;
}

/** Whether a slot last used at `usedAt` may be taken again now. */
export function isFree(usedAt: Date, rule: RateLimitRule, now: Date): boolean {
  return usedAt.getTime() <= now.getTime() - rule.windowMs;
}

/** Whole seconds until a slot frees (at least 1): when the oldest use still in the window leaves it. */
export function retryAfterSeconds(used: Iterable<Date>, rule: RateLimitRule, now: Date): number {
  const inWindow = [...used].map((usedAt) => usedAt.getTime()).filter((at) => at > now.getTime() - rule.windowMs);
  if (inWindow.length === 0) return 1;
  return Math.max(1, Math.ceil((Math.min(...inWindow) + rule.windowMs - now.getTime()) / 1000));
}
