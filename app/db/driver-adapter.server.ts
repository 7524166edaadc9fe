import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
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
  return new SharedSqliteAdapter({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
}

/**
 * Prisma's better-sqlite3 adapter, handing out its connection for the one path that writes
 * through better-sqlite3 directly (app/inventory/sqlite-level-writer.server.ts). One connection,
 * not a second one to the same file: two connections of one process contending for SQLite's
 * write lock made Prisma's commits fail now and then ("locking protocol").
 */
export class SharedSqliteAdapter extends PrismaBetterSQLite3 {
  private database: BetterSqlite3.Database | undefined;

  override async connect() {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 Database in `client` (@prisma/adapter-better-sqlite3
    // 6.19); the level writer's tests fail if a new version moves it.
    this.database = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    return adapter;
  }

  /** The connection, once Prisma has opened it. */
  connection(): BetterSqlite3.Database | undefined {
    return this.database;
  }
}

/** The file of a SQLite URL (file:./prisma/dev.db), as better-sqlite3 opens it. */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "");
}
