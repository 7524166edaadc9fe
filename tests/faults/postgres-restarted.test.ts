// Issue 11, point 9: PostgreSQL restarted (fast shutdown, then start) mid-storm. The cluster is
// the run's own (private-postgres.ts), in the SQLite run as in the PostgreSQL one: the suite's
// server on 5432 is shared by files running in parallel and is never restarted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFaultDatabase, type FaultDatabase } from "./fault-database";
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from "./private-postgres";
import { formatReport } from "./report";
import { postgresRestartedScenario } from "./scenarios";
import { runStormScenario } from "./storm-scenario";

const missing = postgresBinaries() === null;
let postgres: PrivatePostgres | undefined;
let database: FaultDatabase | undefined;

describe.skipIf(missing)(`fault run: PostgreSQL restarted mid-storm${missing ? " (skipped: no PostgreSQL binaries under /usr/lib/postgresql/*/bin)" : ""}`, () => {
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    database = openFaultDatabase(postgres.url);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await postgres?.destroy();
  });

  it("lands every delivery that failed during the outage, loses none and acts on none twice", async () => {
    const report = await runStormScenario(postgresRestartedScenario("small", database as FaultDatabase, postgres as PrivatePostgres));
    console.log(formatReport(report));
    expect(report.violations, formatReport(report, { logs: true })).toEqual([]);
    // The outage must have been felt, or the run proved nothing.
    expect(report.figures["answered 5xx"]).toBeGreaterThan(0);
  }, 120_000);
});
