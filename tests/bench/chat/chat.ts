// Chat fan-out: N viewers hold a live show's stream open while viewers post M messages a second
// through the signed app proxy; how long from each post until each viewer has the message, and
// what the app's process spent carrying them. The baseline is nchan (nginx) publishing the same
// messages at the same rate to the same number of viewers: each message its own publish, as the
// app receives it (the fair comparison: nchan is not given the app's batching), and, for context,
// in the app's 250 ms windows.
import path from "node:path";
import { signViewerToken } from "../../../app/realtime/viewer-token.server";
import { sandboxAppSecret, sandboxShopify } from "../../sandbox/config";
import { reservePort } from "../../support/reserved-port";
import { startNchan } from "../fanout/nchan";
import { BENCH_SHOP, BENCH_SHOW_ID } from "../lib/catalog";
import { copyDatabase } from "../lib/prepare";
import { LoadGenerator, openViewerStreams } from "../lib/load-generator";
import { startApp } from "../lib/processes";
import { cpuSeconds, descendantsMatching } from "../lib/process-cpu";
import type { ChatCommand, ChatReply, PostPlan, RanReply } from "./protocol";

export type ChatTarget = "live-shows" | "nchan" | "nchan-windows";

export interface ChatOptions {
  perSecond: number;
  warmupSeconds: number;
  seconds: number;
  buildDir: string;
  templateDb: string;
  workDir: string;
  /** Profile the app (node --cpu-prof) into this folder. */
  profileDir?: string;
  log(line: string): void;
}

export interface ChatResult extends Omit<RanReply, "type"> {
  target: ChatTarget;
  clients: number;
  connected: number;
  connectMs: number;
  /** The server's user + system CPU over the posting (warm-up, measured messages, drain), and as a share of one core. */
  cpuSeconds: number;
  cpuPercent: number;
  /** The load generator's, for reading the figures: at 10,000 viewers it competes for the same 2 cores. */
  generatorCpuPercent: number;
}

/** The app's chat window (CHAT_WINDOW_MS, app/chat/chat-broadcast.server.ts, which needs the app's database to import). */
const APP_WINDOW_MS = 250;
/** Distinct posting viewers: at 20 messages/s each posts once per 10 s, under the one-per-2-s limit. */
const POSTERS = 200;
/** Client addresses the posts come from: each sends 0.4 messages/s, far under its 4 per second. */
const POST_ADDRESSES = 50;

/** A latency for the report: ∞ when more than the percentile's share of deliveries never arrived. */
export const latencyMs = (value: number) => (value === Number.POSITIVE_INFINITY ? "∞" : Number.isFinite(value) ? value.toFixed(1) : "n/a");

interface Server {
  port: number;
  streamPath: string;
  readyMarker: string;
  plan: PostPlan;
  /** The processes whose CPU is the server's. */
  pids(): number[];
  logs(): string;
  close(): Promise<void>;
}

async function startTarget(target: ChatTarget, clients: number, options: ChatOptions): Promise<Server> {
  const dir = path.join(options.workDir, `chat-${target}-${clients}`);
  if (target !== "live-shows") {
    // nchan's frames are named by its config (fanout/nchan.ts): the name is a few bytes and changes no timing.
    const nchan = await startNchan(dir, await reservePort());
    return {
      port: nchan.port,
      streamPath: nchan.subscribePath(BENCH_SHOW_ID),
      readyMarker: ": hi\n",
      plan: { kind: "nchan", port: nchan.port, path: nchan.publishPath(BENCH_SHOW_ID), windowMs: target === "nchan" ? 0 : APP_WINDOW_MS },
      pids: () => descendantsMatching(/^nginx: /),
      logs: nchan.errors,
      close: nchan.close,
    };
  }
  const socket = await reservePort();
  const app = await startApp(socket, { DATABASE_URL: copyDatabase(options.templateDb, path.join(dir, "app.db")), LIVE_SHOWS_BUILD_DIR: options.buildDir,
    ...(options.profileDir && { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.profileDir}` }),
  });
  const expiresAt = new Date(Date.now() + 3_600_000);
  const tokens = Array.from({ length: POSTERS }, (_, index) => signViewerToken(sandboxAppSecret, BENCH_SHOW_ID, expiresAt, { viewerId: `bench-poster-${index}`, preview: false }));
  return {
    port: socket.port,
    streamPath: `/realtime/shows/${BENCH_SHOW_ID}?shop=${BENCH_SHOP}`,
    readyMarker: "event: snapshot\n",
    plan: { kind: "app", port: socket.port, path: `/proxy/shows/${BENCH_SHOW_ID}/chat`, shop: BENCH_SHOP, secret: sandboxShopify.apiSecret, tokens, addresses: POST_ADDRESSES },
    pids: () => descendantsMatching(/ server\.ts\b/),
    logs: app.logs,
    close: app.close,
  };
}

export async function runChat(target: ChatTarget, clients: number, options: ChatOptions): Promise<ChatResult> {
  const server = await startTarget(target, clients, options);
  // Structured clone, not JSON: an unbounded percentile is Infinity, which JSON would turn into null.
  const generator = new LoadGenerator<ChatCommand, ChatReply>("chat load generator", path.join(import.meta.dirname, "chat-clients.ts"), { serialization: "advanced" });
  try {
    const connected = await openViewerStreams(generator, server, clients, target, options.log);

    const pids = server.pids();
    if (!pids.length) throw new Error(`chat benchmark: found no process of ${target} to measure`);
    const cpuOf = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const before = { server: cpuOf(), generator: cpuSeconds(generator.pid), at: performance.now() };
    const drainMs = 10_000;
    const ran = await generator.ask<RanReply>(
      { type: "run", plan: server.plan, perSecond: options.perSecond, warmupSeconds: options.warmupSeconds, seconds: options.seconds, drainMs },
      (options.warmupSeconds + options.seconds) * 1000 + 2 * drainMs + 30_000,
    );
    const wall = (performance.now() - before.at) / 1000;
    const serverCpu = cpuOf() - before.server;
    const generatorCpu = cpuSeconds(generator.pid) - before.generator;
    const refused = Object.entries(ran.refused).map(([status, count]) => `${count} × ${status}`);
    options.log(
      `    ${ran.accepted}/${ran.posted} messages in ${ran.postingSeconds.toFixed(1)} s to ${ran.open} viewers: p50 ${latencyMs(ran.p50)} p99 ${latencyMs(ran.p99)} max ${latencyMs(ran.max)} ms` +
        `${ran.missing ? `, ${ran.missing} deliveries missing (counted as ∞)` : ""}; post answered p50 ${latencyMs(ran.postP50)} p99 ${latencyMs(ran.postP99)} ms` +
        `; CPU ${serverCpu.toFixed(1)} s over ${wall.toFixed(1)} s (${((100 * serverCpu) / wall).toFixed(0)}% of a core), load generator ${((100 * generatorCpu) / wall).toFixed(0)}%` +
        (refused.length ? `; refused: ${refused.join(", ")}` : ""),
    );
    if (ran.accepted === 0) throw new Error(`${target} accepted no message (${refused.join(", ")}):\n${server.logs().slice(-2000)}`);
    const { type: _reply, ...figures } = ran;
    return {
      ...figures,
      target,
      clients,
      connected: connected.connected,
      connectMs: connected.elapsedMs,
      cpuSeconds: serverCpu,
      cpuPercent: (100 * serverCpu) / wall,
      generatorCpuPercent: (100 * generatorCpu) / wall,
    };
  } finally {
    await generator.close();
    await server.close();
  }
}
