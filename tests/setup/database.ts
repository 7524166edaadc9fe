// The test database: SQLite in tests/.tmp by default, or the PostgreSQL server that
// DATABASE_URL names. Every test makes its own shop, so files share one migrated database.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseProvider } from "../../app/db/driver-adapter.server";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** Each test run works in its own folder, so runs in parallel never share a database or a build. */
export const RUN_DIR = path.join(ROOT, "tests/.tmp", `run-${process.pid}`);

export function testDatabaseUrl(): string {
  const configured = process.env.DATABASE_URL;
  if (configured && databaseProvider(configured) === "postgresql") return configured;
  return `file:${path.join(RUN_DIR, "test.db")}`;
}

export function prismaCli(args: string[], url: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

/** The generated client is tied to one provider; regenerate only when the provider changes. */
export function ensureClientFor(url: string) {
  const generated = path.join(ROOT, "node_modules/.prisma/client/schema.prisma");
  const provider = databaseProvider(url);
  if (existsSync(generated) && readFileSync(generated, "utf8").includes(`provider = "${provider}"`)) return;
  prismaCli(["generate"], url);
}

export async function resetTestDatabase(url: string) {
  if (databaseProvider(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await client.end();
  } else {
    mkdirSync(RUN_DIR, { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(url.slice("file:".length) + suffix, { force: true });
  }
  ensureClientFor(url);
  prismaCli(["migrate", "deploy"], url);
}
