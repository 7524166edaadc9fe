// Rate limits every app instance shares, kept in the database (the one store every deployment
// has; REDIS_URL is optional and carries realtime events only). Each take is a plain conditional
// write, as the leases are, so SQLite and PostgreSQL behave alike and two instances racing for
// the last slot cannot both get it: the update re-checks "last used a window ago" on the row it
// locks, and a slot's first use is an insert that only one of them wins.
//
// Keys hold an HMAC of whom they limit (a client address, an email address), never the value:
// the table is not a second copy of shoppers' addresses, and customers/redact can still find an
// email's slots by computing its key.
import { createHmac } from "node:crypto";
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { freeSlot, retryAfterSeconds, type RateLimitRule } from "./rate-window";

export type RateLimitTake =
  /** `release` gives the slot back, for a request refused by a later rule: a refused request leaves nothing written. */
  | { allowed: true; release(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

export function rateLimitKey(rule: RateLimitRule, subject: string): string {
  return `${rule.name}:${createHmac("sha256", env().APP_SECRET).update(`rate-limit:${rule.name}:${subject}`).digest("base64url")}`;
}

/** Takes one hit of `rule` for `subject`, or says how long until one is free. */
export async function takeRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitTake> {
  const key = rateLimitKey(rule, subject);
  // A few rounds: a slot seen free may be taken by another instance first; then look again.
  for (let round = 0; round < 3; round += 1) {
    const rows = await prisma.rateLimitSlot.findMany({ where: { key, slot: { lt: rule.limit } }, select: { slot: true, usedAt: true } });
    const used = new Map(rows.map((row) => [row.slot, row.usedAt]));
    const slot = freeSlot(used, rule, now);
    if (slot === null) return { allowed: false, retryAfterSeconds: retryAfterSeconds(used.values(), rule, now) };
    const previous = used.get(slot);
    if (await claimSlot(key, slot, previous, rule, now)) {
      return { allowed: true, release: () => releaseSlot(key, slot, previous, now) };
    }
  }
  const rows = await prisma.rateLimitSlot.findMany({ where: { key }, select: { usedAt: true } });
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(rows.map((row) => row.usedAt), rule, now) };
}

async function claimSlot(key: string, slot: number, previous: Date | undefined, rule: RateLimitRule, now: Date): Promise<boolean> {
  if (previous !== undefined) {
    const windowStart = new Date(now.getTime() - rule.windowMs);
    const taken = await prisma.rateLimitSlot.updateMany({ where: { key, slot, usedAt: { lte: windowStart } }, data: { usedAt: now } });
    return taken.count === 1;
  }
  try {
    await prisma.rateLimitSlot.create({ data: { key, slot, usedAt: now } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/** Puts the slot back as it was; `usedAt: now` makes sure it is still the use this request made. */
async function releaseSlot(key: string, slot: number, previous: Date | undefined, now: Date): Promise<void> {
  if (previous === undefined) await prisma.rateLimitSlot.deleteMany({ where: { key, slot, usedAt: now } });
  else await prisma.rateLimitSlot.updateMany({ where: { key, slot, usedAt: now }, data: { usedAt: previous } });
}

/** Forgets every hit of `rule` for `subject` (customers/redact, for an email's slots). */
export async function forgetRateLimitSubject(rule: RateLimitRule, subject: string): Promise<void> {
  await prisma.rateLimitSlot.deleteMany({ where: { key: rateLimitKey(rule, subject) } });
}

/** Deletes slots that no rule can still count: last used longer ago than the longest window. */
export async function pruneRateLimitSlots(rules: readonly RateLimitRule[], now = new Date()): Promise<number> {
  const longest = Math.max(...rules.map((rule) => rule.windowMs));
  const { count } = await prisma.rateLimitSlot.deleteMany({ where: { usedAt: { lt: new Date(now.getTime() - longest) } } });
  return count;
}
