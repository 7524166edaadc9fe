// The storm scenarios of issue 11: an inventory_levels/update storm (duplicated, shuffled) sent
// the way Shopify sends it while something fails underneath, then a check that the app's stock
// is the truth and that no delivery was acted on twice. One fault per scenario:
//
//   kill-app          the app is killed with SIGKILL mid-storm and a new instance started behind
//                     the same address (load-balancer.ts); what was in flight dies with it.
//   restart-postgres  the app's PostgreSQL (private-postgres.ts) has a fast shutdown mid-storm and
//                     starts again; deliveries answered 500 meanwhile are retried and land.
//
// The test files run them small; `npm run faults` runs them at full size (run.ts).
import { startAppServer, type AppServer } from "../support/app-server";
import type { FaultDatabase } from "./fault-database";
import { startLoadBalancer } from "./load-balancer";
import { checkStorm, planLevelStorm, seedStormShop, stormCopies, type StormShape } from "./level-storm";
import { seededRandom } from "../support/seeded-random";
import type { PrivatePostgres } from "./private-postgres";
import { ShopifySender, SHOPIFY_LIKE_POLICY, type SenderPolicy } from "./shopify-sender";

export type StormFault = { kind: "kill-app" } | { kind: "restart-postgres"; postgres: PrivatePostgres; /** 5xx answers to wait for while the database is down. */ failuresWhileDown: number };

export interface StormScenario {
  name: string;
  database: FaultDatabase;
  shape: StormShape;
  fault: StormFault;
  /** When to inject the fault: shares of all copies acknowledged (0.3 = once 30 % are). */
  faultsAt: number[];
  policy?: Partial<SenderPolicy>;
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export type Figures = Record<string, number | string>;

export interface ScenarioReport {
  name: string;
  figures: Figures;
  violations: string[];
  /** The app's output, for a failure message. */
  logs: string;
}

export async function runStormScenario(scenario: StormScenario): Promise<ScenarioReport> {
  const log = scenario.log ?? (() => {});
  const { db } = scenario.database;
  const planned = Date.now();
  const plan = planLevelStorm(scenario.shape);
  await seedStormShop(db, plan);
  log(`${scenario.name}: ${plan.events.length} events for ${plan.truth.size} levels of ${plan.items.length} variants planned and seeded in ${Date.now() - planned} ms`);

  const balancer = await startLoadBalancer();
  const sender = new ShopifySender({ ...SHOPIFY_LIKE_POLICY, ...scenario.policy });
  const env = {
    SHOPIFY_APP_URL: balancer.url,
    DATABASE_URL: scenario.database.url,
    ...scenario.database.appEnv,
    ...scenario.env,
  };
  const copies = stormCopies(plan, balancer.url, scenario.shape);
  let logs = "";
  let app: AppServer;
  try {
    app = await startAppServer(env);
  } catch (error) {
    await Promise.all([balancer.close(), sender.close()]);
    throw error;
  }
  balancer.route({ port: app.port });

  const thresholds = scenario.faultsAt.map((share) => Math.max(1, Math.floor(share * copies.length)));
  const restarts: number[] = [];
  const outages: number[] = [];
  let injecting: Promise<void> = Promise.resolve();
  let faultError: unknown;

  const jitter = seededRandom(scenario.shape.seed ^ 0x6b11);
  const inject = async (at: number) => {
    if (scenario.fault.kind === "kill-app") {
      // Faults are timed by an answer, just after the app finished a batch: a kill sent at once
      // would nearly always land before the next batch is written. Up to a few batches later, it
      // lands anywhere in the app's cycle, sometimes between a batch's commit and its answers.
      await new Promise((resolve) => setTimeout(resolve, jitter() * 25));
      const started = Date.now();
      process.kill(app.pid, "SIGKILL");
      balancer.route(null);
      await app.close();
      logs += app.logs();
      log(`${scenario.name}: killed the app (SIGKILL) at ${at} of ${copies.length} deliveries acknowledged`);
      app = await startAppServer(env);
      balancer.route({ port: app.port });
      restarts.push(Date.now() - started);
    } else {
      const started = Date.now();
      const { postgres, failuresWhileDown } = scenario.fault;
      const before = sender.figures.serverErrors;
      await postgres.restart({
        downWhile: async () => {
          await sender.until((figures) => figures.serverErrors - before >= failuresWhileDown, 10_000);
        },
      });
      outages.push(Date.now() - started);
      log(`${scenario.name}: restarted PostgreSQL at ${at} of ${copies.length} deliveries acknowledged (${sender.figures.serverErrors - before} answered 500 meanwhile)`);
    }
  };
  const stopWatching = sender.onProgress((acknowledged) => {
    if (thresholds.length && acknowledged >= (thresholds[0] as number)) {
      thresholds.shift();
      injecting = injecting.then(() => inject(acknowledged)).catch((error: unknown) => {
        faultError ??= error;
      });
    }
  });

  const started = Date.now();
  try {
    await sender.send(copies);
    const sent = Date.now();
    await injecting;
    stopWatching();
    if (faultError) throw faultError;
    const check = await checkStorm(db, plan, sender.tallies);
    const seconds = (sent - started) / 1000;
    const figures: Figures = {
      events: plan.events.length,
      "events sent twice": plan.duplicated.size,
      "deliveries (copies)": sender.figures.copies,
      attempts: sender.figures.attempts,
      retries: sender.figures.retries,
      "connection failures": sender.figures.connectionFailures,
      timeouts: sender.figures.timeouts,
      "slowest answer ms": sender.figures.slowestAnswerMs,
      "answered 5xx": sender.figures.serverErrors,
      "answered 4xx": sender.figures.clientErrors,
      "gave up": sender.figures.gaveUp,
      ...(scenario.fault.kind === "kill-app"
        ? { "kills (SIGKILL) and restarts": restarts.length, "restart ms (kill to listening)": restarts.join(", ") || "-", "refused by the balancer": balancer.refused }
        : { "PostgreSQL restarts": outages.length, "outage ms (stop to started)": outages.join(", ") || "-" }),
      levels: check.levels,
      "level mismatches": check.levelMismatches,
      variants: check.variants,
      "variant total mismatches": check.totalMismatches,
      receipts: check.receipts,
      "events lost (no receipt)": check.missingReceipts,
      "events acted on twice": check.actedTwice,
      "events acted on whose answer was lost": check.answersLost,
      "duration s": Number(seconds.toFixed(1)),
      "deliveries/s": Math.round(sender.figures.copies / seconds),
      "attempts/s": Math.round(sender.figures.attempts / seconds),
    };
    const violations = [...check.violations];
    if (restarts.length + outages.length !== scenario.faultsAt.length) violations.push(`${scenario.faultsAt.length} faults planned, ${restarts.length + outages.length} injected`);
    if (sender.figures.timeouts) violations.push(`${sender.figures.timeouts} attempts went unanswered past Shopify's ${SHOPIFY_LIKE_POLICY.timeoutMs / 1000} s timeout: ${sender.samples.join(" | ")}`);
    if (sender.figures.clientErrors) violations.push(`the app refused ${sender.figures.clientErrors} deliveries (4xx): ${sender.samples.join(" | ")}`);
    return { name: scenario.name, figures, violations, logs: logs + app.logs() };
  } finally {
    stopWatching();
    await app.close();
    await balancer.close();
    await sender.close();
  }
}
