// How often a viewer may post, shared by every app instance through the rate-limit table
// (RateLimitSlot, as the reminder limits use it): each token bucket is one row whose `usedAt`
// holds the instant the bucket is full again (token-bucket.ts). A take is a conditional write on
// the value it read, so two instances racing for a viewer's last token cannot both get it.
// Keys hold an HMAC of the subject (rateLimitKey), never a viewer id or an address.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { rateLimitKey } from "~/storefront/rate-limit.server";
import { takeToken, type TokenBucketRule } from "./token-bucket";

/** One message per 2 s per viewer, five at once. */
export const MESSAGES_PER_VIEWER: TokenBucketRule = { name: "chat-viewer", intervalMs: 2_000, burst: 5 };
/**
 * Per client address: looser than per viewer, since a household, an office or a mobile carrier's
 * NAT puts many viewers behind one address; it stops one machine posting as many viewers. IPv6
 * addresses count per /64 (addressKey), the block one subscriber is usually given.
 */
export const MESSAGES_PER_ADDRESS: TokenBucketRule = { name: "chat-address", intervalMs: 250, burst: 20 };

export const SLOW_MODE = "chat-slow";
/** Slow mode for a show: one message per `seconds` per viewer. */
export const slowMode = (showId: string, seconds: number): TokenBucketRule => ({ name: `${SLOW_MODE}-${showId}`, intervalMs: seconds * 1000, burst: 1 });

/** A refusal names the rule that refused. */
export type BucketTake = { allowed: true; release(): Promise<void> } | { allowed: false; retryAfterMs: number; rule: TokenBucketRule };

const SLOT = 0;
const keyOf = (rule: TokenBucketRule, subject: string) => rateLimitKey({ name: rule.name, limit: rule.burst, windowMs: rule.intervalMs * rule.burst }, subject);

/** Takes one token of `rule` for `subject`; `release` puts it back, for a request a later check refuses. */
export async function takeBucket(rule: TokenBucketRule, subject: string, now = new Date()): Promise<BucketTake> {
  const key = keyOf(rule, subject);
  for (let round = 0; round < 5; round += 1) {
    const row = await prisma.rateLimitSlot.findUnique({ where: { key_slot: { key, slot: SLOT } }, select: { usedAt: true } });
    const take = takeToken(row ? row.usedAt.getTime() : null, rule, now.getTime());
    if (!take.allowed) return { ...take, rule };
    const fullAt = new Date(take.fullAt);
    if (await write(key, row?.usedAt, fullAt)) return { allowed: true, release: () => restore(key, fullAt, row?.usedAt) };
  }
  // Five lost races in a row: the subject is posting from several places at once.
  return { allowed: false, retryAfterMs: rule.intervalMs, rule };
}

async function write(key: string, previous: Date | undefined, fullAt: Date): Promise<boolean> {
  if (previous) {
    const { count } = await prisma.rateLimitSlot.updateMany({ where: { key, slot: SLOT, usedAt: previous }, data: { usedAt: fullAt } });
    return count === 1;
  }
  try {
    await prisma.rateLimitSlot.create({ data: { key, slot: SLOT, usedAt: fullAt } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

async function restore(key: string, fullAt: Date, previous: Date | undefined): Promise<void> {
  if (previous) await prisma.rateLimitSlot.updateMany({ where: { key, slot: SLOT, usedAt: fullAt }, data: { usedAt: previous } });
  else await prisma.rateLimitSlot.deleteMany({ where: { key, slot: SLOT, usedAt: fullAt } });
}

/**
 * Takes a token from each bucket, all at once (the buckets are separate rows, and a post waits for
 * one round of reads and writes, not one per bucket); if one refuses, the others' tokens are given
 * back, so a refused message leaves every bucket as it was, and the refusal names the first
 * bucket in order that refused. (Rows whose bucket has long been full again are deleted with the
 * other rate-limit rows by pruneRateLimitSlots.)
 */
export async function takeBuckets(buckets: readonly { rule: TokenBucketRule; subject: string }[], now = new Date()): Promise<BucketTake> {
  const takes = await Promise.all(buckets.map(({ rule, subject }) => takeBucket(rule, subject, now)));
  const taken = takes.filter((take): take is Extract<BucketTake, { allowed: true }> => take.allowed);
  const release = async () => {
    await Promise.all(taken.map((held) => held.release()));
  };
  const refused = takes.find((take) => !take.allowed);
  if (refused) {
    await release();
    return refused;
  }
  return { allowed: true, release };
}
