// Viewer beacon ingest (issue 14, point 5): how many storefront events a second one app process
// takes, and the CPU each 1,000 cost, beside a baseline that writes one row per event
// (row-per-event-server.ts). Both get the same signed app-proxy requests at 32 in flight over
// keep-alive connections. Each request is a new viewer's first batch as live-beacons.ts sends it
// (view start and a heartbeat): a launch storm, the app's heaviest case, since every beacon is
// also a new unique viewer to write; and no viewer passes a player's rate, so every event is one
// the app counts. Each server runs alone on its own copy of the seeded database; its CPU (user +
// system, from /proc) runs from the round's first request until its writes are done: for the
// app, until the flush after the round (ANALYTICS_FLUSH_SECONDS, 5 s by default).
import { execFile } from "node:child_process";
import { Agent, request } from "node:http";
import { promisify } from "node:util";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { signViewerToken } from "../../../app/realtime/viewer-token.server";
import { appTestEnv } from "../../support/app-env";
import { reservePort } from "../../support/reserved-port";
import { sandboxAppSecret, sandboxShopify } from "../../sandbox/config";
import { signProxyQuery } from "../../sandbox/shopify/app-proxy";
import { cpuSeconds, descendantsMatching } from "../lib/process-cpu";
import { BENCH_SHOP, BENCH_SHOW_ID } from "../lib/catalog";
import { copyDatabase } from "../lib/prepare";
import { startApp, startNodeServer, type NodeServer } from "../lib/processes";

export type BeaconTarget = "live-shows" | "row-per-event";
export const BEACON_TARGETS: BeaconTarget[] = ["live-shows", "row-per-event"];

export interface BeaconOptions {
  seconds: number;
  buildDir: string;
  /** The seeded database in WAL mode (the app switches to WAL itself). */
  templateDb: string;
  workDir: string;
  log(line: string): void;
}

export interface BeaconResult {
  target: BeaconTarget;
  requests: number;
  events: number;
  /** Requests answered with anything but 202. */
  refused: number;
  eventsPerSecond: number;
  cpuSeconds: number;
  cpuMsPer1000: number;
  /** Rows the round left in the database: the app's minute rows and viewers, or one per event. */
  rows: number;
}

const IN_FLIGHT = 32;
const EVENTS_PER_BEACON = 2;
/** The app's default flush interval (app/env.server.ts), and a second to spare. */
const FLUSH_WAIT_MS = 6_000;

async function startTarget(target: BeaconTarget, options: BeaconOptions): Promise<{ server: NodeServer; pids: number[]; database: string }> {
  const socket = await reservePort();
  const database = copyDatabase(options.templateDb, path.join(options.workDir, `beacons-${target}`, "app.db"));
  if (target === "live-shows") {
    const server = await startApp(socket, { LIVE_SHOWS_BUILD_DIR: options.buildDir, DATABASE_URL: database });
    return { server, pids: descendantsMatching(/ server\.ts\b/), database };
  }
  const server = await startNodeServer(
    ["--import", "tsx", path.join(import.meta.dirname, "row-per-event-server.ts")],
    { ...appTestEnv({ SHOPIFY_APP_URL: socket.url, NODE_ENV: "production", DATABASE_URL: database }) },
    socket,
    "listening",
  );
  return { server, pids: descendantsMatching(/row-per-event-server\.ts\b/), database };
}

/** Sends beacons for `seconds` at IN_FLIGHT, each from a viewer of its own. */
async function drive(port: number, seconds: number) {
  const expiresAt = new Date(Date.now() + 3_600_000);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  let requests = 0;
  let refused = 0;
  const deadline = performance.now() + seconds * 1000;
  const send = () =>
    new Promise<void>((resolve) => {
      const token = signViewerToken(sandboxAppSecret, BENCH_SHOW_ID, expiresAt, { viewerId: randomUUID(), preview: false });
      const body = JSON.stringify({ token, events: [{ n: 1, type: "view", ago: 15_000 }, { n: 2, type: "beat", ago: 0 }] });
      const query = signProxyQuery(new URLSearchParams(), { shop: BENCH_SHOP, customerId: "", pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret });
      const outgoing = request({ agent, host: "127.0.0.1", port, method: "POST", path: `/proxy/shows/${BENCH_SHOW_ID}/events?${query}`, headers: { "content-type": "text/plain;charset=UTF-8" } }, (incoming) => {
        requests += 1;
        if (incoming.statusCode !== 202) refused += 1;
        incoming.resume();
        incoming.on("end", resolve);
      });
      outgoing.on("error", () => {
        refused += 1;
        resolve();
      });
      outgoing.end(body);
    });
  const lane = async () => {
    while (performance.now() < deadline) await send();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests, refused, elapsed };
}

async function rowsIn(database: string, target: BeaconTarget): Promise<number> {
  const { PrismaClient } = await import("@prisma/client");
  const { createDriverAdapter } = await import("../../../app/db/driver-adapter.server");
  const prisma = new PrismaClient({ adapter: createDriverAdapter(database) });
  try {
    if (target === "row-per-event") return Number((await prisma.$queryRawUnsafe<{ count: bigint }[]>(`SELECT COUNT(*) AS count FROM "BenchViewerEvent"`))[0]?.count ?? 0);
    return (await prisma.showMinute.count()) + (await prisma.showViewer.count());
  } finally {
    await prisma.$disconnect();
  }
}

export interface PipelineResult {
  target: BeaconTarget;
  events: number;
  eventsPerSecond: number;
  cpuMsPer1000: number;
}

/** The same batches straight into each design's storage, no HTTP (pipeline.ts): the storage designs alone. */
export async function runBeaconPipelines(options: BeaconOptions & { batches: number }): Promise<PipelineResult[]> {
  const results: PipelineResult[] = [];
  for (const target of BEACON_TARGETS) {
    const database = copyDatabase(options.templateDb, path.join(options.workDir, `beacons-pipeline-${target}`, "app.db"));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "pipeline.ts"), target, String(options.batches)], {
      env: { ...process.env, ...appTestEnv({ NODE_ENV: "production", DATABASE_URL: database }) },
      maxBuffer: 1 << 20,
    });
    const figures = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { events: number; wallSeconds: number; cpuSeconds: number };
    results.push({ target, events: figures.events, eventsPerSecond: figures.events / figures.wallSeconds, cpuMsPer1000: (figures.cpuSeconds * 1e6) / figures.events });
    options.log(`  beacons without HTTP, ${target}: ${figures.events} events in ${figures.wallSeconds.toFixed(1)} s`);
  }
  return results;
}

export async function runBeacons(options: BeaconOptions): Promise<BeaconResult[]> {
  const results: BeaconResult[] = [];
  for (const target of BEACON_TARGETS) {
    const { server, pids, database } = await startTarget(target, options);
    try {
      // Unmeasured warm-up: the JIT, the show's lookup, SQLite's pages.
      await drive(server.port, 1);
      const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
      const round = await drive(server.port, options.seconds);
      if (target === "live-shows") await new Promise((resolve) => setTimeout(resolve, FLUSH_WAIT_MS));
      const cpu = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
      const events = (round.requests - round.refused) * EVENTS_PER_BEACON;
      results.push({
        target,
        requests: round.requests,
        events,
        refused: round.refused,
        eventsPerSecond: events / round.elapsed,
        cpuSeconds: cpu,
        cpuMsPer1000: events > 0 ? (cpu * 1000 * 1000) / events : Number.NaN,
        rows: 0,
      });
    } finally {
      await server.close();
    }
    (results.at(-1) as BeaconResult).rows = await rowsIn(database, target);
    options.log(`  beacons ${target}: ${results.at(-1)?.events} events in ${options.seconds} s`);
  }
  return results;
}
