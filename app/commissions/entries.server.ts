import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

/**
 * Writes a commission entry unless its key (shop, line, refund, creator) is already taken.
 * Shopify delivers at least once and may send an order again under a new event id, so a
 * second write of the same line is normal and answers false.
 */
export async function recordEntryOnce(data: Prisma.CommissionEntryUncheckedCreateInput): Promise<boolean> {
  try {
    await prisma.commissionEntry.create({ data });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}
