import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/** Where the data lives when nothing says otherwise: a SQLite file beside the schema. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

/**
 * Prisma's migration engine reads PostgreSQL catalog columns of type `name`, which the pg
 * adapter cannot map (prisma/orm#27403); they are plain text, so they are reported as text.
 */
function poolReportingNamesAsText(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  Object.assign(pool, {
    async query(config: pg.QueryConfig) {
      const result = await query(config);
      for (const field of result.fields ?? []) if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
      return result;
    },
  });
  return pool;
}

/**
 * Prisma runs on its JavaScript engine with a driver adapter: the native engines are
 * downloaded from Prisma's own host at install time, which these machines cannot reach.
 */
export function createDriverAdapter(url: string) {
  if (databaseProvider(url) === "postgresql") {
    return new PrismaPg(poolReportingNamesAsText(url), { disposeExternalPool: true });
  }
  return new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
}

/** The file of a SQLite URL (file:./prisma/dev.db), as better-sqlite3 opens it. */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "");
}
