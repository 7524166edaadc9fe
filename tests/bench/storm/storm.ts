// The join storm (issue 15, point 2): a show's first minute, when the merchant's email and posts
// send thousands of shoppers to the storefront at once, each loading the block's bootstrap through
// the app proxy. 10,000 viewers arrive within 10 s (signed app-proxy requests, a mix of markets,
// and 30% loading again with the ETag they were given), beside today's loader: the same build's
// bootstrap built whole per request (uncached-route.ts), measured in the same run. Requests/s is
// compared at saturation (64 requests in flight), alternating between the two paths.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { appTestEnv } from "../../support/app-env";
import { track } from "../lib/processes";
import type { StormCommand, StormRound, StormTarget } from "./storm-clients";

export interface StormOptions {
  quick: boolean;
  buildDir: string;
  databaseUrl: string;
  log(line: string): void;
}

export interface StormResult {
  viewers: number;
  seconds: number;
  /** Ours under the storm; today's loader under a storm at the same arrival rate, shorter. */
  ours: StormRound;
  loader: StormRound;
  loaderViewers: number;
  loaderSeconds: number;
  /** Closed loop, 64 in flight: the median round of each. */
  oursSaturated: StormRound;
  loaderSaturated: StormRound;
}

const IN_FLIGHT = 64;
const REPEAT_SHARE = 0.3;

class Generator {
  private readonly child: ChildProcess = track(fork(path.join(import.meta.dirname, "storm-clients.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] }));

  run(command: StormCommand): Promise<StormRound> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the storm's load generator exited (${code})`));
      this.child.once("exit", exited);
      this.child.once("message", (round) => {
        this.child.off("exit", exited);
        resolve(round as StormRound);
      });
      this.child.send(command);
    });
  }

  close() {
    this.child.kill();
  }
}

/** What storm-child.ts sends back. */
export type StormChildMessage = { type: "log"; line: string } | { type: "result"; result: StormResult } | { type: "error"; message: string };

/**
 * The storm in a process of its own, with `env` added to its environment: the storm seeds its show
 * through the app's modules, which load the Prisma client in that process, and this run's process
 * holds SQLite's (tests/faults/fault-database.ts gives the environment that loads PostgreSQL's).
 */
export function runStormApart(options: StormOptions, env: Record<string, string>): Promise<StormResult> {
  const { log, ...command } = options;
  const child = track(
    fork(path.join(import.meta.dirname, "storm-child.ts"), [], { execArgv: ["--import", "tsx"], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" }),
  );
  return new Promise((resolve, reject) => {
    child.on("message", (message: StormChildMessage) => {
      if (message.type === "log") log(message.line);
      else if (message.type === "result") resolve(message.result);
      else reject(new Error(`the storm's process failed: ${message.message}`));
    });
    child.once("exit", (code) => reject(new Error(`the storm's process exited (${code}) without a result`)));
    child.send(command);
  });
}

const failedOf = (round: StormRound) =>
  `${round.failed} failed${round.failed ? ` (${Object.entries(round.failures).map(([status, count]) => `${count} × ${status === "0" ? "no answer" : status}`).join(", ")})` : ""}`;

const medianRound = (rounds: StormRound[]) => [...rounds].sort((a, b) => a.perSecond - b.perSecond)[rounds.length >> 1] as StormRound;

export async function runStorm(options: StormOptions): Promise<StormResult> {
  // The sandbox helpers use the app's modules (Prisma, env): they read this process's environment.
  for (const [name, value] of Object.entries(appTestEnv({ DATABASE_URL: options.databaseUrl }))) process.env[name] = value;
  process.env.LIVE_SHOWS_BUILD_DIR = options.buildDir;
  const { startStack } = await import("../../support/stack");
  const { createShow, openStorefrontShop, shopLocalTime } = await import("../../support/storefront-shop");

  const stack = await startStack();
  const generator = new Generator();
  try {
    const shop = await openStorefrontShop(stack);
    const { scarf, shirt, mug } = shop.products;
    const show = await createShow(shop, { title: "Launch, live", products: [shirt, scarf, mug], startsAt: shopLocalTime(5) });
    await stack.mux.connectEncoder(show.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    const ours: StormTarget = { port: stack.app.port, shop: shop.domain, path: `/proxy/shows/${show.id}` };
    const loader: StormTarget = { ...ours, path: `/proxy/bench-uncached/shows/${show.id}` };

    // Unmeasured: the JIT, the Admin API's answers in the app's brief caches, SQLite's pages.
    for (const target of [loader, ours]) await generator.run({ kind: "saturate", target, inFlight: 16, seconds: 1, seed: 1 });

    const viewers = options.quick ? 1_000 : 10_000;
    const seconds = options.quick ? 1 : 10;
    const stormed = await generator.run({ kind: "storm", target: ours, viewers, seconds, repeatShare: REPEAT_SHARE, seed: 15 });
    options.log(`  storm, ours: ${viewers} viewers in ${seconds} s → p50 ${stormed.p50.toFixed(1)} ms, p99 ${stormed.p99.toFixed(1)} ms, ${failedOf(stormed)}`);
    // The same arrival rate for today's loader, for less long: it falls behind at once, and its queue only grows.
    const loaderViewers = options.quick ? 500 : 2_000;
    const loaderSeconds = loaderViewers / (viewers / seconds);
    const loaderStorm = await generator.run({ kind: "storm", target: loader, viewers: loaderViewers, seconds: loaderSeconds, repeatShare: REPEAT_SHARE, seed: 15 });
    options.log(`  storm, today's loader: ${loaderViewers} viewers in ${loaderSeconds} s → p50 ${loaderStorm.p50.toFixed(1)} ms, p99 ${loaderStorm.p99.toFixed(1)} ms, ${failedOf(loaderStorm)}`);

    const rounds = options.quick ? 1 : 3;
    const saturated = { ours: [] as StormRound[], loader: [] as StormRound[] };
    for (let round = 1; round <= rounds; round++) {
      for (const [name, target] of [["loader", loader], ["ours", ours]] as const) {
        const result = await generator.run({ kind: "saturate", target, inFlight: IN_FLIGHT, seconds: options.quick ? 2 : 5, seed: 100 + round });
        saturated[name].push(result);
        options.log(`  saturation round ${round}, ${name}: ${result.perSecond.toFixed(0)} requests/s, p99 ${result.p99.toFixed(1)} ms, ${failedOf(result)}`);
      }
    }
    return {
      viewers,
      seconds,
      ours: stormed,
      loader: loaderStorm,
      loaderViewers,
      loaderSeconds,
      oursSaturated: medianRound(saturated.ours),
      loaderSaturated: medianRound(saturated.loader),
    };
  } finally {
    generator.close();
    await stack.close();
  }
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const num = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a");

/**
 * The table's rows: [benchmark, ours, baseline, baseline is, ours / baseline]. `on` names the
 * database when it is not SQLite (" on PostgreSQL"), here and in the verdicts.
 */
export function stormRows(result: StormResult, on = ""): string[][] {
  const { ours, loader, oursSaturated: oursMax, loaderSaturated: loaderMax } = result;
  const label = `join storm${on} ${num(result.viewers)} viewers in ${result.seconds} s`;
  return [
    [`${label}: p50 / p99 / max ms`, `${fmt(ours.p50)} / ${fmt(ours.p99)} / ${fmt(ours.max)}`, `${fmt(loader.p50)} / ${fmt(loader.p99)} / ${fmt(loader.max)}`, `today's loader, ${num(result.loaderViewers)} viewers at the same rate`, `p99 ${fmt(loader.p99 / ours.p99, 0)}× lower`],
    [`${label}: requests, 304s of repeat loads, failed`, `${num(ours.requests)}, ${num(ours.repeat304)} / ${num(ours.repeat304 + ours.repeat200)}, ${num(ours.failed)}`, `${num(loader.requests)}, ${num(loader.repeat304)} / ${num(loader.repeat304 + loader.repeat200)}, ${num(loader.failed)}`, "", ""],
    [`bootstrap${on} at saturation (64 in flight): requests/s`, num(oursMax.perSecond), num(loaderMax.perSecond), "today's loader, same build, same requests", `${fmt(oursMax.perSecond / loaderMax.perSecond, 2)}×`],
    [`bootstrap${on} at saturation: p50 / p99 ms`, `${fmt(oursMax.p50)} / ${fmt(oursMax.p99)}`, `${fmt(loaderMax.p50)} / ${fmt(loaderMax.p99)}`, "", ""],
  ];
}

export function stormVerdicts(result: StormResult, on = ""): string[] {
  const ratio = result.oursSaturated.perSecond / result.loaderSaturated.perSecond;
  const judged = result.viewers === 10_000 ? "" : ` (not judged: the target is 10,000 viewers, this run had ${num(result.viewers)})`;
  return [
    `join storm${on} p99 ≤ 100 ms: ${result.ours.p99 <= 100 && result.ours.failed === 0 ? "MET" : "MISSED"} — ${fmt(result.ours.p99)} ms, ${num(result.ours.failed)} failed${judged}`,
    `bootstrap requests/s${on} ≥ 20× today's loader: ${ratio >= 20 ? "MET" : "MISSED"} — ${num(result.oursSaturated.perSecond)}/s vs ${num(result.loaderSaturated.perSecond)}/s = ${fmt(ratio, 2)}×`,
  ];
}
