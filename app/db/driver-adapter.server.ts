import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

/** Where the data lives when nothing says otherwise: a SQLite file beside the schema. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/**
 * Prisma runs on its JavaScript engine with a driver adapter: the native engines are
 * downloaded from Prisma's own host at install time, which these machines cannot reach.
 */
export function createDriverAdapter(url: string) {
  if (databaseProvider(url) === "postgresql") return new PrismaPg({ connectionString: url });
  // WAL lets readers (SSE snapshots) proceed while a webhook writes.
  return new PrismaBetterSQLite3({ url, timeout: 5000 });
}
