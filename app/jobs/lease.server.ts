// A database lease, so that work which must happen once (a shop's payout run, a live show's
// stock reconciliation) runs on one app instance at a time however many are up. The row names the work; whoever holds an unexpired
// row may do it. Written with plain conditional writes so SQLite and PostgreSQL behave alike.
import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

/** This process's name as a lease holder. */
export const INSTANCE_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

export async function acquireLease(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Take over an expired lease, or extend our own.
  const taken = await prisma.lease.updateMany({
    where: { name, OR: [{ expiresAt: { lte: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await prisma.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await prisma.lease.deleteMany({ where: { name, holder } });
}

export type LeaseOutcome<T> = { ran: true; value: T } | { ran: false; holder: string | null };

/** Runs `work` while holding the lease, or answers who holds it. */
export async function withLease<T>(name: string, ttlMs: number, work: () => Promise<T>, holder = `${INSTANCE_ID}-${randomUUID().slice(0, 8)}`): Promise<LeaseOutcome<T>> {
  if (!(await acquireLease(name, holder, ttlMs))) {
    const current = await prisma.lease.findUnique({ where: { name } });
    return { ran: false, holder: current?.holder ?? null };
  }
  try {
    return { ran: true, value: await work() };
  } finally {
    await releaseLease(name, holder);
  }
}
