// Ingest: verified, deduplicated inventory webhooks per second through our route, beside the
// template's path (template-server.ts). Both servers run at once, each on a fresh copy of the
// same database; after a warm-up each, measured rounds alternate between them (template, ours,
// template, ours …) so that a change in the machine's load hits both alike. Every round sends
// both servers the same requests at the same concurrency from one load generator process.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { appTestEnv } from "../../support/app-env";
import { reservePort } from "../../support/reserved-port";
import { copyDatabase } from "../lib/prepare";
import { startApp, startNodeServer, track, type NodeServer } from "../lib/processes";
import { median } from "../lib/stats";
import type { LoadCommand, LoadReply } from "./webhook-load";

/**
 * live-shows: the app's route. template: the template's path on the same SQLite settings as the
 * app (WAL, synchronous=NORMAL: app/db.server.ts sets them). template-stock: the template's path
 * on SQLite's defaults, as the template ships (rollback journal, a disk sync per commit).
 * ceiling: HMAC check and JSON parse only, no framework, no database (ceiling-server.ts).
 */
export type IngestTarget = "template" | "live-shows" | "template-stock" | "ceiling";

export interface IngestOptions {
  targets: IngestTarget[];
  warmup: number;
  /** Webhooks per measured round; a slow target may send fewer (rounds are also bounded in time). */
  perRound: number | ((target: IngestTarget) => number);
  rounds: number;
  concurrency: number;
  maxRoundMs: number;
  buildDir: string;
  /**
   * Seeded SQLite databases to copy: in WAL mode, and in SQLite's default rollback-journal mode. Or
   * on PostgreSQL: a fresh copy of the seeded database per server, and the servers' environment (production/production.ts).
   */
  databases: { wal: string; rollback: string } | { postgres(target: IngestTarget): Promise<string>; env: Record<string, string> };
  workDir: string;
  /** Profile each server (node --cpu-prof) into <profileDir>/<target>/. */
  profileDir?: string;
  log(line: string): void;
}

export interface IngestResult {
  target: IngestTarget;
  /** Medians over the measured rounds. */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  perSecondRange: [number, number];
  /** Webhooks sent in the measured rounds; `handled` adds the warm-up (for CPU per webhook). */
  sent: number;
  handled: number;
  failed: number;
  duplicates: number;
  failures: string[];
}

class WebhookLoad {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor() {
    this.child = track(fork(path.join(import.meta.dirname, "webhook-load.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] }));
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
  }

  run(command: Omit<LoadCommand, "type">): Promise<LoadReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the webhook load generator did not answer in time")), command.maxMs + 60_000);
      this.child.once("message", (reply: LoadReply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.send({ type: "load", ...command } satisfies LoadCommand);
    });
  }

  async close() {
    if (this.child.exitCode === null && this.child.connected) this.child.send({ type: "close" });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

async function startTarget(target: IngestTarget, options: IngestOptions): Promise<NodeServer> {
  const socket = await reservePort();
  const { databases } = options;
  const env: Record<string, string> =
    "postgres" in databases
      ? { ...databases.env, DATABASE_URL: await databases.postgres(target) }
      : { DATABASE_URL: copyDatabase(target === "template-stock" ? databases.rollback : databases.wal, path.join(options.workDir, `ingest-${target}`, "app.db")) };
  if (target === "template" && !("postgres" in databases)) env.BENCH_SQLITE_LIKE_APP = "1";
  if (options.profileDir) env.NODE_OPTIONS = [env.NODE_OPTIONS, `--cpu-prof --cpu-prof-dir=${path.join(options.profileDir, target)}`].filter(Boolean).join(" ");
  if (target === "live-shows") return startApp(socket, { LIVE_SHOWS_BUILD_DIR: options.buildDir, ...env });
  return startNodeServer(
    ["--import", "tsx", path.join(import.meta.dirname, target === "ceiling" ? "ceiling-server.ts" : "template-server.ts")],
    { ...appTestEnv({ SHOPIFY_APP_URL: socket.url, NODE_ENV: "production", ...env }) },
    socket,
  );
}

export async function runIngest(options: IngestOptions): Promise<IngestResult[]> {
  const { targets } = options;
  const perRound = (target: IngestTarget) => (typeof options.perRound === "function" ? options.perRound(target) : options.perRound);
  const servers = new Map<IngestTarget, NodeServer>();
  const load = new WebhookLoad();
  try {
    for (const target of targets) servers.set(target, await startTarget(target, options));
    const rounds = new Map<IngestTarget, LoadReply[]>(targets.map((target) => [target, []]));
    const send = async (target: IngestTarget, prefix: string, round: number, count: number) => {
      const server = servers.get(target) as NodeServer;
      const reply = await load.run({ port: server.port, prefix, round, count, concurrency: options.concurrency, maxMs: options.maxRoundMs });
      if (reply.failed) options.log(`    ${target}: ${reply.failed} failed, e.g. ${reply.failures.join(" | ")}\n${server.logs().slice(-1500)}`);
      return reply;
    };
    const warmups = new Map<IngestTarget, number>();
    for (const target of targets) {
      const warm = await send(target, "warmup", 0, Math.min(options.warmup, perRound(target)));
      warmups.set(target, warm.sent);
      options.log(`  ${target} warm-up: ${warm.sent} webhooks, ${warm.perSecond.toFixed(0)}/s, p99 ${warm.p99.toFixed(1)} ms`);
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const target of targets) {
        const reply = await send(target, `round${round}`, round, perRound(target));
        rounds.get(target)?.push(reply);
        options.log(
          `  ${target} round ${round}: ${reply.sent} webhooks in ${(reply.elapsedMs / 1000).toFixed(2)} s = ${reply.perSecond.toFixed(0)}/s, ` +
            `p50 ${reply.p50.toFixed(1)} p99 ${reply.p99.toFixed(1)} max ${reply.max.toFixed(1)} ms${reply.failed ? `, ${reply.failed} failed` : ""}`,
        );
      }
    }
    return targets.map((target) => {
      const replies = rounds.get(target) as LoadReply[];
      const rates = replies.map((reply) => reply.perSecond);
      return {
        target,
        perSecond: median(rates),
        p50: median(replies.map((reply) => reply.p50)),
        p99: median(replies.map((reply) => reply.p99)),
        max: median(replies.map((reply) => reply.max)),
        perSecondRange: [Math.min(...rates), Math.max(...rates)],
        sent: replies.reduce((sum, reply) => sum + reply.sent, 0),
        handled: replies.reduce((sum, reply) => sum + reply.sent, 0) + (warmups.get(target) ?? 0),
        failed: replies.reduce((sum, reply) => sum + reply.failed, 0),
        duplicates: replies.reduce((sum, reply) => sum + reply.duplicates, 0),
        failures: replies.flatMap((reply) => reply.failures).slice(0, 3),
      };
    });
  } finally {
    await load.close();
    await Promise.all([...servers.values()].map((server) => server.close()));
  }
}
