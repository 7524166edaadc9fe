// The production setup (issue 15, point 4): the benchmarks again on PostgreSQL, and the fan-out
// with two app instances sharing Redis, each beside its baseline measured the same way in the
// same run. Sections: ingest-pg (the ingest benchmark, ours and the template's path, both on
// PostgreSQL), storm-pg (the join storm, ours and today's loader, on PostgreSQL) and fanout-2x
// (viewers split over two instances on PostgreSQL and Redis, the stock webhook sent to either in
// turn, beside one instance on the same PostgreSQL and Redis holding them all).
import { runFanout, type FanoutResult } from "../fanout/fanout";
import { runIngest, type IngestResult } from "../ingest/ingest";
import { seedBenchShop } from "../lib/catalog";
import { BenchDatabases, REDIS_URL } from "../lib/postgres";
import { openFaultDatabase } from "../../faults/fault-database";
import { runStormApart, stormRows, stormVerdicts, type StormResult } from "../storm/storm";

export type ProductionSection = "ingest-pg" | "storm-pg" | "fanout-2x";
export const PRODUCTION_SECTIONS: ProductionSection[] = ["ingest-pg", "storm-pg", "fanout-2x"];

export interface ProductionOptions {
  sections: ProductionSection[];
  quick: boolean;
  /** The fan-out's viewers (split over the instances). */
  viewers: number;
  buildDir: string;
  workDir: string;
  log(line: string): void;
}

export interface ProductionResults {
  ingest: IngestResult[];
  storm: StormResult | null;
  /** One instance, then two: each the mean of its runs. */
  fanout: FanoutResult[];
}

/**
 * The fan-out's publishes: an even number, so that as many webhooks enter at each instance. The
 * configurations run in the order one, two, two, one (one and two in --quick), so that a drift in
 * the machine's load weighs on both alike; each figure is the mean of its configuration's runs.
 */
const FANOUT = { warmups: 2, publishes: 8, quickPublishes: 4, order: [1, 2, 2, 1], quickOrder: [1, 2] };

export async function runProduction(options: ProductionOptions): Promise<ProductionResults> {
  const { log, quick, sections } = options;
  const results: ProductionResults = { ingest: [], storm: null, fanout: [] };
  if (!sections.length) return results;
  const databases = new BenchDatabases();
  // Migrated once; every server starts from a copy (CREATE DATABASE … TEMPLATE), as on SQLite.
  const empty = await databases.create("empty");
  const seeded = await databases.create("seeded", empty);
  // The PostgreSQL client here, and the environment that gives every server on PostgreSQL the same.
  const { db, appEnv: serverEnv } = openFaultDatabase(seeded);
  await seedBenchShop(seeded, db);

  if (sections.includes("ingest-pg")) {
    log(`\ningest on PostgreSQL: the same webhooks, 32 in flight, ${quick ? 1 : 3} round(s) alternating between ours and the template's path, each on its own copy of the seeded database`);
    results.ingest = await runIngest({
      targets: ["template", "live-shows"],
      warmup: quick ? 200 : 1000,
      perRound: quick ? 600 : 5000,
      rounds: quick ? 1 : 3,
      concurrency: 32,
      maxRoundMs: quick ? 10_000 : 20_000,
      buildDir: options.buildDir,
      databases: { postgres: (target) => databases.create(`ingest_${target.replace("-", "_")}`, seeded), env: serverEnv },
      workDir: options.workDir,
      log,
    });
  }
  if (sections.includes("storm-pg")) {
    log(`\njoin storm on PostgreSQL: the same storm and saturation rounds, ours and today's loader`);
    results.storm = await runStormApart({ quick, buildDir: options.buildDir, databaseUrl: await databases.create("storm", empty), log }, serverEnv);
  }
  if (sections.includes("fanout-2x")) {
    log(`\nfan-out on PostgreSQL and Redis: ${options.viewers.toLocaleString("en-US")} viewers on one app instance, then split over two with the webhook sent to each in turn`);
    const runs: FanoutResult[] = [];
    for (const instances of quick ? FANOUT.quickOrder : FANOUT.order) {
      log(`  ${instances} instance(s):`);
      runs.push(
        await runFanout("live-shows", options.viewers, {
          instances,
          warmups: quick ? 1 : FANOUT.warmups,
          publishes: quick ? FANOUT.quickPublishes : FANOUT.publishes,
          gapMs: quick ? 300 : 1000,
          buildDir: options.buildDir,
          databaseUrl: await databases.create(`fanout_${runs.length + 1}_${instances}x`, seeded),
          workDir: options.workDir,
          appEnv: { ...serverEnv, REDIS_URL },
          log,
        }),
      );
    }
    results.fanout = [1, 2].map((instances) => meanOfRuns(runs.filter((run) => run.instances === instances)));
  }
  return results;
}

/** One configuration's runs as one: the mean of their medians, the widest range, the worst loss. */
function meanOfRuns(runs: FanoutResult[]): FanoutResult {
  const first = runs[0] as FanoutResult;
  const mean = (pick: (run: FanoutResult) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    ...first,
    connected: Math.min(...runs.map((run) => run.connected)),
    connectMs: mean((run) => run.connectMs),
    p50: mean((run) => run.p50),
    p99: mean((run) => run.p99),
    max: mean((run) => run.max),
    p99Range: [Math.min(...runs.map((run) => run.p99Range[0])), Math.max(...runs.map((run) => run.p99Range[1]))],
    triggerMs: mean((run) => run.triggerMs),
    publishes: runs.reduce((sum, run) => sum + run.publishes, 0),
    missing: Math.max(...runs.map((run) => run.missing)),
    p99ByEntry: first.p99ByEntry.map((_, entry) => mean((run) => run.p99ByEntry[entry] as number)),
  };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const num = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a");
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");

/** The table's rows: [benchmark, ours, baseline, baseline is, ours / baseline]. */
export function productionRows(results: ProductionResults, quick: boolean): string[][] {
  const rows: string[][] = [];
  const [template, ours] = [results.ingest.find((row) => row.target === "template"), results.ingest.find((row) => row.target === "live-shows")];
  if (template && ours) {
    const label = "ingest, PostgreSQL";
    rows.push([`${label}: webhooks/s`, num(ours.perSecond), num(template.perSecond), "template: authenticate.webhook + 1 Prisma write, same PostgreSQL", times(ours.perSecond / template.perSecond)]);
    rows.push([`${label}: p50 / p99 ms`, `${fmt(ours.p50)} / ${fmt(ours.p99)}`, `${fmt(template.p50)} / ${fmt(template.p99)}`, "", `p99 ${times(ours.p99 / template.p99)}`]);
    if (!quick) rows.push([`${label}: webhooks/s range over rounds`, `${num(ours.perSecondRange[0])}–${num(ours.perSecondRange[1])}`, `${num(template.perSecondRange[0])}–${num(template.perSecondRange[1])}`, "", ""]);
    if (ours.failed || template.failed) rows.push([`${label}: failed requests`, num(ours.failed), num(template.failed), "", ""]);
  }
  if (results.storm) rows.push(...stormRows(results.storm, " on PostgreSQL"));
  const [one, two] = results.fanout;
  if (one && two) {
    const label = `fan-out ${num(two.clients)} viewers, PostgreSQL + Redis`;
    rows.push([`${label}, 2 instances: p50 / p99 / max ms`, `${fmt(two.p50)} / ${fmt(two.p99)} / ${fmt(two.max)}`, `${fmt(one.p50)} / ${fmt(one.p99)} / ${fmt(one.max)}`, "1 instance, same PostgreSQL and Redis", `p99 ${times(two.p99 / one.p99)}`]);
    rows.push([`${label}: p99 range over publishes`, `${fmt(two.p99Range[0])}–${fmt(two.p99Range[1])}`, `${fmt(one.p99Range[0])}–${fmt(one.p99Range[1])}`, "", ""]);
    rows.push([`${label}: p99 by the instance the webhook entered`, two.p99ByEntry.map((p99, entry) => `#${entry + 1} ${fmt(p99)}`).join(", "), fmt(one.p99ByEntry[0] ?? Number.NaN), "", ""]);
    rows.push([`${label}: trigger answered ms`, fmt(two.triggerMs), fmt(one.triggerMs), "", ""]);
    rows.push([`${label}: connected, time to connect all`, `${num(two.connected)}, ${fmt(two.connectMs / 1000)} s`, `${num(one.connected)}, ${fmt(one.connectMs / 1000)} s`, "", ""]);
    if (one.missing || two.missing) rows.push([`${label}: viewers missing an event (worst publish)`, num(two.missing), num(one.missing), "", ""]);
  }
  return rows;
}

export function productionVerdicts(results: ProductionResults): string[] {
  const verdicts: string[] = [];
  const ours = results.ingest.find((row) => row.target === "live-shows");
  if (ours) verdicts.push(`ingest ≥ 5,000 webhooks/s on PostgreSQL: ${ours.perSecond >= 5000 ? "MET" : "MISSED"} — ${num(ours.perSecond)}/s${ours.perSecond < 5000 ? ` (${fmt(5000 / ours.perSecond, 1)}× short)` : ""}`);
  if (results.storm) verdicts.push(...stormVerdicts(results.storm, " on PostgreSQL"));
  const [one, two] = results.fanout;
  if (one && two) {
    const r = two.p99 / one.p99;
    const figures = `${fmt(two.p99)} ms vs ${fmt(one.p99)} ms = ${times(r)}`;
    verdicts.push(
      two.clients === 10_000
        ? `fan-out p99 over two instances sharing Redis within 1.2× of one instance's (10,000 viewers): ${r <= 1.2 ? "MET" : "MISSED"} — ${figures}`
        : `fan-out p99 over two instances within 1.2× of one's: not judged here — the target is at 10,000 viewers, this run measured ${num(two.clients)} (${figures})`,
    );
  }
  return verdicts;
}
