// The ingest load generator: a child process that sends signed inventory webhooks over
// keep-alive connections at a fixed concurrency and times each one (request written → response
// read). Requests are built and signed before the clock starts. Bounded by count and by time.
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { summarize } from "../lib/stats";
import { WEBHOOK_PATH, webhookMix } from "./mix";

export interface LoadCommand {
  type: "load";
  port: number;
  prefix: string;
  round: number;
  count: number;
  concurrency: number;
  maxMs: number;
}

export interface LoadReply {
  type: "loaded";
  sent: number;
  ok: number;
  duplicates: number;
  failed: number;
  failures: string[];
  elapsedMs: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

const pools = new Map<number, Pool>();

async function load(command: LoadCommand): Promise<LoadReply> {
  const requests = webhookMix(command.prefix, command.count, command.round);
  let pool = pools.get(command.port);
  if (!pool) {
    pool = new Pool(`http://127.0.0.1:${command.port}`, { connections: command.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
    pools.set(command.port, pool);
  }
  const latencies = new Float64Array(requests.length);
  let next = 0;
  let ok = 0;
  let duplicates = 0;
  let failed = 0;
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + command.maxMs;

  const worker = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const index = next++;
      const { body, headers } = requests[index]!;
      const sentAt = performance.now();
      try {
        const response = await pool.request({ path: WEBHOOK_PATH, method: "POST", headers, body });
        const text = await response.body.text();
        latencies[index] = performance.now() - sentAt;
        if (response.statusCode === 200) {
          ok++;
          if (response.headers["x-duplicate"]) duplicates++;
        } else {
          failed++;
          if (failures.length < 5) failures.push(`${response.statusCode} ${text.slice(0, 200)}`);
        }
      } catch (error) {
        latencies[index] = performance.now() - sentAt;
        failed++;
        if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  const sent = Math.min(next, requests.length);
  const summary = summarize(latencies.subarray(0, sent));
  return { type: "loaded", sent, ok, duplicates, failed, failures, elapsedMs, perSecond: (sent / elapsedMs) * 1000, p50: summary.p50, p99: summary.p99, max: summary.max };
}

let queue = Promise.resolve();
process.on("message", (message: LoadCommand | { type: "close" }) => {
  queue = queue.then(async () => {
    if (message.type === "close") {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      process.exit(0);
    }
    process.send?.(await load(message));
  });
});
process.on("disconnect", () => process.exit(0));
