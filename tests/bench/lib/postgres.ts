// The production setup's stores for the benchmarks that run on it: databases of this run's own on
// the PostgreSQL server (BENCH_POSTGRES_URL names its maintenance database; dropped when the run
// ends, however it ends) and the Redis server the app instances share (BENCH_REDIS_URL). The
// Prisma client for PostgreSQL, in this process and in the servers, is the fault runs' own
// (tests/faults/fault-database.ts): the suite's is regenerated for whichever database a test run uses.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { prismaCli } from "../../setup/database";
import { ROOT } from "./prepare";
import { atExit } from "./processes";

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** Database 9 keeps the app's keys (viewer presence, rate limits) apart from the tests' in database 0. */
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/9";

const urlOf = (database: string) => {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

/** This run's databases, named bench_<pid>_<name>, each made empty, migrated, or as a copy of another. */
export class BenchDatabases {
  private readonly names: string[] = [];

  constructor() {
    atExit(() => this.dropAll());
  }

  /** A new database: migrated, or a copy of `template` (PostgreSQL's CREATE DATABASE … TEMPLATE, no connection to it may be open). */
  async create(name: string, template?: string): Promise<string> {
    const database = `bench_${process.pid}_${name}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${new URL(template).pathname.slice(1)}"` : ""}`);
    } finally {
      await admin.end();
    }
    this.names.push(database);
    const url = urlOf(database);
    if (!template) prismaCli(["migrate", "deploy"], url);
    return url;
  }

  /** Synchronous, for the run's exit: a child node process drops every database this run made. */
  private dropAll() {
    if (!this.names.length) return;
    const script = `import pg from "pg";
const client = new pg.Client({ connectionString: process.env.BENCH_POSTGRES_URL });
await client.connect();
for (const name of JSON.parse(process.env.BENCH_DATABASES)) await client.query(\`DROP DATABASE IF EXISTS "\${name}" WITH (FORCE)\`);
await client.end();`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, BENCH_POSTGRES_URL: POSTGRES_URL, BENCH_DATABASES: JSON.stringify(this.names.splice(0)) },
    });
    if (result.status !== 0) console.error(`could not drop the benchmark's PostgreSQL databases:\n${result.stderr}`);
  }
}
