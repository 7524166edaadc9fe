import prisma from "~/db.server";

export interface Health {
  ok: boolean;
  database: "up" | "down";
}

/** What a load balancer needs to know: the process answers and its database does too. */
export async function checkHealth(): Promise<Health> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return { ok: true, database: "up" };
  } catch {
    return { ok: false, database: "down" };
  }
}
