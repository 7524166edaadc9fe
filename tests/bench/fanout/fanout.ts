// Fan-out: N viewers hold a show's stream open; a stock change arrives as a signed
// inventory_levels/update webhook; how long until each viewer has the `stock` event. The same
// clients, the same payload bytes and the same timing against nchan (nginx) as the baseline.
import path from "node:path";
import { reservePort } from "../../support/reserved-port";
import { BENCH_SHOP, BENCH_SHOW_ID, FANOUT_ITEM, LOCATIONS, SEEDED_AT, inventoryLevelBody, webhookHeaders } from "../lib/catalog";
import { copyDatabase } from "../lib/prepare";
import { LoadGenerator, openViewerStreams } from "../lib/load-generator";
import { startApp, type NodeServer } from "../lib/processes";
import { median } from "../lib/stats";
import { startNchan } from "./nchan";
import type { Command, FiredReply, Reply } from "./protocol";

export type FanoutTarget = "live-shows" | "nchan";

export interface FanoutOptions {
  warmups: number;
  publishes: number;
  gapMs: number;
  buildDir: string;
  /** The seeded SQLite database each server copies, unless databaseUrl is given. */
  templateDb?: string;
  workDir: string;
  /** Extra environment for the app under test (e.g. NODE_OPTIONS=--cpu-prof). */
  appEnv?: Record<string, string>;
  /**
   * App instances sharing one database and one Redis (REDIS_URL in appEnv): the viewers are split
   * evenly across them and each publish's webhook goes to the next instance in turn. One by default.
   */
  instances?: number;
  /** The database the app's instances share (e.g. PostgreSQL), instead of a copy of templateDb. */
  databaseUrl?: string;
  log(line: string): void;
}

export interface FanoutResult {
  target: FanoutTarget;
  clients: number;
  instances: number;
  connected: number;
  connectMs: number;
  /** Medians over the measured publishes of each publish's p50, p99 and max. */
  p50: number;
  p99: number;
  max: number;
  /** The spread of p99 over the measured publishes. */
  p99Range: [number, number];
  /** Median time for the trigger's own response (our webhook route; nchan's publisher). */
  triggerMs: number;
  publishes: number;
  missing: number;
  /** Per instance the webhook entered at: the median of those publishes' p99. */
  p99ByEntry: number[];
}

/** The stock event's data exactly as the app serialises it (toStockEvent, JSON.stringify). */
export function stockPayload(available: number): string {
  return JSON.stringify({ variantId: FANOUT_ITEM.variantId, productId: FANOUT_ITEM.productId, available, inStock: available > 0 });
}

/** One configuration's result: medians over its measured publishes, and the p99 by the instance each entered. */
export function summarizeFanout(
  target: FanoutTarget,
  clients: number,
  instances: number,
  connected: { connected: number; elapsedMs: number },
  measured: Array<FiredReply & { entry: number }>,
): FanoutResult {
  const p99s = measured.map((run) => run.p99);
  return {
    target,
    clients,
    instances,
    connected: connected.connected,
    connectMs: connected.elapsedMs,
    p50: median(measured.map((run) => run.p50)),
    p99: median(p99s),
    max: median(measured.map((run) => run.max)),
    p99Range: [Math.min(...p99s), Math.max(...p99s)],
    triggerMs: median(measured.map((run) => run.triggerMs)),
    publishes: measured.length,
    missing: Math.max(...measured.map((run) => run.missing)),
    p99ByEntry: Array.from({ length: instances }, (_, entry) => median(measured.filter((run) => run.entry === entry).map((run) => run.p99))),
  };
}

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

interface Server {
  port: number;
  /** Several app instances: the viewers' servers, and where the triggers go in turn. */
  ports?: number[];
  streamPath: string;
  readyMarker: string;
  trigger(publish: number, available: number): { port?: number; path: string; headers: Record<string, string>; body: string };
  logs(): string;
  close(): Promise<void>;
}

async function startTarget(target: FanoutTarget, clients: number, options: FanoutOptions): Promise<Server> {
  const instances = options.instances ?? 1;
  const dir = path.join(options.workDir, `fanout-${target}-${clients}${instances > 1 ? `-${instances}x` : ""}`);
  if (target === "nchan") {
    const nchan = await startNchan(dir, await reservePort());
    return {
      port: nchan.port,
      streamPath: nchan.subscribePath(BENCH_SHOW_ID),
      readyMarker: ": hi\n",
      trigger: (_publish, available) => ({ path: nchan.publishPath(BENCH_SHOW_ID), headers: { "content-type": "application/json" }, body: stockPayload(available) }),
      logs: nchan.errors,
      close: nchan.close,
    };
  }
  if (!options.databaseUrl && !options.templateDb) throw new Error("runFanout: give templateDb or databaseUrl");
  const databaseUrl = options.databaseUrl ?? copyDatabase(options.templateDb as string, path.join(dir, "app.db"));
  const apps: NodeServer[] = [];
  for (let instance = 0; instance < instances; instance++) {
    apps.push(await startApp(await reservePort(), { DATABASE_URL: databaseUrl, LIVE_SHOWS_BUILD_DIR: options.buildDir, ...options.appEnv }));
  }
  const ports = apps.map((app) => app.port);
  return {
    port: ports[0] as number,
    ports: instances > 1 ? ports : undefined,
    streamPath: `/realtime/shows/${BENCH_SHOW_ID}?shop=${BENCH_SHOP}`,
    readyMarker: "event: snapshot\n",
    trigger: (publish, available) => {
      // Each publish is a newer level with a new total, so the app stores and publishes it.
      const body = inventoryLevelBody(FANOUT_ITEM, LOCATIONS[0] as string, available, new Date(SEEDED_AT.getTime() + 86_400_000 + publish * 1000));
      return {
        port: ports[publish % instances],
        path: "/webhooks/inventory_levels/update",
        headers: webhookHeaders("inventory_levels/update", body, `bench-fanout-${clients}-${publish}`),
        body,
      };
    },
    logs: () => apps.map((app) => app.logs()).join("\n"),
    close: async () => {
      await Promise.all(apps.map((app) => app.close()));
    },
  };
}

export async function runFanout(target: FanoutTarget, clients: number, options: FanoutOptions): Promise<FanoutResult> {
  const server = await startTarget(target, clients, options);
  const generator = new LoadGenerator<Command, Reply>("load generator", path.join(import.meta.dirname, "sse-clients.ts"), {
    onError: (message) => {
      if (!message.startsWith("trigger failed")) console.error(`load generator: ${message}`);
    },
  });
  try {
    const connected = await openViewerStreams(generator, server, clients, target, options.log);

    const instances = server.ports?.length ?? 1;
    const measured: Array<FiredReply & { entry: number }> = [];
    for (let publish = 0; publish < options.warmups + options.publishes; publish++) {
      const available = 5000 + publish;
      const trigger = server.trigger(publish, available);
      const fired = await generator.ask<FiredReply>(
        { type: "fire", marker: stockPayload(available), trigger: { port: server.port, method: "POST", ...trigger }, timeoutMs: 30_000 },
        40_000,
      );
      const warm = publish < options.warmups;
      if (fired.status !== 200 && fired.status !== 202 && fired.status !== 201) {
        throw new Error(`the ${target} trigger answered ${fired.status}:\n${server.logs().slice(-2000)}`);
      }
      if (fired.received === 0) throw new Error(`no client received publish ${publish} from ${target} (is the payload the same bytes?):\n${server.logs().slice(-2000)}`);
      const entry = publish % instances;
      options.log(
        `    ${warm ? "warm-up" : "publish"} ${publish + 1}${instances > 1 ? ` (webhook to instance ${entry + 1})` : ""}: p50 ${fired.p50.toFixed(1)} p99 ${fired.p99.toFixed(1)} max ${fired.max.toFixed(1)} ms, ` +
          `trigger answered in ${fired.triggerMs.toFixed(1)} ms${fired.missing ? `, ${fired.missing} missing` : ""}`,
      );
      if (!warm) measured.push({ ...fired, entry });
      await pause(options.gapMs);
    }
    return summarizeFanout(target, clients, instances, connected, measured);
  } finally {
    await generator.close();
    await server.close();
  }
}
