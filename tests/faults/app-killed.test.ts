// Issue 11, point 9: the app killed with SIGKILL mid-storm and restarted behind the same address,
// while deliveries are retried as Shopify retries them. Small here; `npm run faults` runs it at full size.
import { afterAll, describe, expect, it } from "vitest";
import { openFaultDatabase } from "./fault-database";
import { formatReport } from "./report";
import { appKilledScenario } from "./scenarios";
import { runStormScenario } from "./storm-scenario";

// The suite's database (SQLite, or PostgreSQL in CI's second run); each run seeds a shop of its own.
const database = openFaultDatabase(process.env.DATABASE_URL as string);
afterAll(() => database.close());

describe("fault run: the app killed mid-storm", () => {
  it("ends with every level and variant total true, every event recorded once, none acted on twice", async () => {
    const report = await runStormScenario(appKilledScenario("small", database));
    console.log(formatReport(report));
    expect(report.violations, formatReport(report, { logs: true })).toEqual([]);
  }, 120_000);
});
