import { PrismaClient } from "@prisma/client";
import { createDriverAdapter, databaseProvider } from "./db/driver-adapter.server";
import { env } from "./env.server";
import { WAL_CHECKPOINT_PAGES } from "./db/sqlite-settings";

declare global {
  // Vite's dev server reloads modules; one client per process keeps connections bounded.
  var prismaGlobal: PrismaClient | undefined;
}

function createClient() {
  const url = env().DATABASE_URL;
  const client = new PrismaClient({ adapter: createDriverAdapter(url) });
  if (databaseProvider(url) === "sqlite") {
    // Write-ahead logging lets the realtime snapshots read while webhooks write, and commits
    // without a full disk sync each time; NORMAL sync is still crash-safe in WAL mode.
    client
      .$queryRawUnsafe("PRAGMA journal_mode = WAL")
      .then(() => client.$queryRawUnsafe("PRAGMA synchronous = NORMAL"))
      .then(() => client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`))
      .catch((error: unknown) => console.warn(`[db] SQLite stays in rollback-journal mode: ${(error as Error).message}`));
  }
  return client;
}

const prisma = (globalThis.prismaGlobal ??= createClient());

export default prisma;
