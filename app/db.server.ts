import { PrismaClient } from "@prisma/client";
import type BetterSqlite3 from "better-sqlite3";
import { createDriverAdapter, databaseProvider, SharedSqliteAdapter } from "./db/driver-adapter.server";
import { env } from "./env.server";
import { WAL_CHECKPOINT_PAGES } from "./db/sqlite-settings";
import { log } from "~/lib/log.server";

declare global {
  // Vite's dev server reloads modules; one client per process keeps connections bounded.
  var prismaGlobal: PrismaClient | undefined;
  var prismaSqliteAdapter: SharedSqliteAdapter | undefined;
}

function createClient() {
  const url = env().DATABASE_URL;
  const adapter = createDriverAdapter(url);
  const client = new PrismaClient({ adapter });
  if (adapter instanceof SharedSqliteAdapter) globalThis.prismaSqliteAdapter = adapter;
  if (databaseProvider(url) === "sqlite") {
    // Write-ahead logging lets the realtime snapshots read while webhooks write, and commits
    // without a full disk sync each time; NORMAL sync is still crash-safe in WAL mode.
    client
      .$queryRawUnsafe("PRAGMA journal_mode = WAL")
      .then(() => client.$queryRawUnsafe("PRAGMA synchronous = NORMAL"))
      .then(() => client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`))
      .catch((error: unknown) => log.warn(`[db] SQLite stays in rollback-journal mode: ${(error as Error).message}`));
  }
  return client;
}

const prisma = (globalThis.prismaGlobal ??= createClient());

/** On SQLite, the better-sqlite3 connection Prisma uses (opened if it is not yet); null elsewhere. */
export async function sqliteConnection(): Promise<BetterSqlite3.Database | null> {
  const adapter = globalThis.prismaSqliteAdapter;
  if (!adapter) return null;
  await prisma.$connect();
  const connection = adapter.connection();
  if (!connection) throw new Error("Prisma connected without opening its SQLite connection");
  return connection;
}

export default prisma;
