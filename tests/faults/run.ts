// `npm run faults`: the fault runs of issue 11 (point 9) at full size, printing the figures for the
// closing note. The suite runs the same scenarios small (tests/faults/*.test.ts).
//
//   npm run faults                                  all three, full size (about 10 minutes on 2 cores)
//   npm run faults -- --size=small                  the suite's size
//   npm run faults -- --only=app-killed,redis       app-killed | postgres | redis, comma-separated
//   npm run faults -- --database=postgresql         the app-killed and Redis runs on a private
//                                                   PostgreSQL cluster instead of a SQLite file
//
// Everything runs on loopback against a database, a Redis and a PostgreSQL of this run's own,
// under tests/.tmp; nothing shared on the machine is touched. Exits 1 if any run found a violation.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { cachedAppBuild } from "../setup/build-cache";
import { prismaCli, ROOT } from "../setup/database";
import { openFaultDatabase, type FaultDatabase } from "./fault-database";
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from "./private-postgres";
import { redisServerBinary, startPrivateRedis } from "./private-redis";
import { runRedisScenario } from "./redis-scenario";
import { formatReport } from "./report";
import { appKilledScenario, postgresRestartedScenario, redisRestartedScenario, type Size } from "./scenarios";
import { runStormScenario, type ScenarioReport } from "./storm-scenario";

const RUNS = ["app-killed", "postgres", "redis"] as const;
type Run = (typeof RUNS)[number];

function parseArgs(argv: string[]) {
  const flags = new Map(argv.map((arg) => arg.replace(/^--/, "").split("=") as [string, string?]).map(([name, value]) => [name, value ?? "true"]));
  for (const name of flags.keys()) if (!["size", "only", "database"].includes(name)) throw new Error(`Unknown option --${name} (known: --size=small|full --only=${RUNS.join(",")} --database=sqlite|postgresql)`);
  const size = (flags.get("size") ?? "full") as Size;
  if (size !== "small" && size !== "full") throw new Error(`--size must be small or full, not ${size}`);
  const only = (flags.get("only")?.split(",").filter(Boolean) ?? [...RUNS]) as Run[];
  for (const run of only) if (!RUNS.includes(run)) throw new Error(`--only: unknown run ${run} (known: ${RUNS.join(", ")})`);
  const database = flags.get("database") ?? "sqlite";
  if (database !== "sqlite" && database !== "postgresql") throw new Error(`--database must be sqlite or postgresql, not ${database}`);
  return { size, only, database };
}

const log = (line: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const { size, only, database: provider } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  log(`building the app (or reusing the build of the current sources)…`);
  process.env.LIVE_SHOWS_BUILD_DIR = cachedAppBuild(ROOT);
  const dir = path.join(ROOT, "tests/.tmp", `faults-run-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const clusters: PrivatePostgres[] = [];
  const opened: FaultDatabase[] = [];
  const reports: ScenarioReport[] = [];
  const skipped: string[] = [];
  const cluster = async (name: string) => {
    const created = await startPrivatePostgres(name);
    clusters.push(created);
    return created;
  };
  const open = (url: string) => {
    const database = openFaultDatabase(url);
    opened.push(database);
    return database;
  };

  try {
    let shared: FaultDatabase | undefined;
    const sharedDatabase = async () => {
      if (shared) return shared;
      if (provider === "postgresql") {
        shared = open((await cluster("run")).url);
      } else {
        const url = `file:${path.join(dir, "faults.db")}`;
        prismaCli(["migrate", "deploy"], url);
        shared = open(url);
      }
      return shared;
    };
    const finish = (report: ScenarioReport) => {
      reports.push(report);
      console.log(`\n${formatReport(report, { logs: true })}\n`);
    };

    if (only.includes("app-killed")) finish(await runStormScenario(appKilledScenario(size, await sharedDatabase(), log)));
    if (only.includes("postgres")) {
      if (!postgresBinaries()) skipped.push("postgres: no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
      else {
        const postgres = await cluster("restarted");
        finish(await runStormScenario(postgresRestartedScenario(size, open(postgres.url), postgres, log)));
      }
    }
    if (only.includes("redis")) {
      if (!redisServerBinary()) skipped.push("redis: redis-server is not installed");
      else {
        const redis = await startPrivateRedis();
        try {
          finish(await runRedisScenario(redisRestartedScenario(size, await sharedDatabase(), redis, log)));
        } finally {
          await redis.destroy();
        }
      }
    }
  } finally {
    await Promise.all(opened.map((database) => database.close()));
    await Promise.all(clusters.map((created) => created.destroy()));
    rmSync(dir, { recursive: true, force: true });
  }

  const failed = reports.filter((report) => report.violations.length);
  console.log(`Fault runs (${size}, ${provider}): ${reports.length - failed.length} of ${reports.length} without violations in ${((Date.now() - started) / 60_000).toFixed(1)} min${skipped.length ? `; skipped ${skipped.join("; ")}` : ""}`);
  process.exitCode = failed.length ? 1 : 0;
}

await main();
