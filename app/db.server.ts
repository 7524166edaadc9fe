import { PrismaClient } from "@prisma/client";
import { createDriverAdapter } from "./db/driver-adapter.server";
import { env } from "./env.server";

declare global {
  // Vite's dev server reloads modules; one client per process keeps connections bounded.
  var prismaGlobal: PrismaClient | undefined;
}

function createClient() {
  return new PrismaClient({ adapter: createDriverAdapter(env().DATABASE_URL) });
}

const prisma = (globalThis.prismaGlobal ??= createClient());

export default prisma;
