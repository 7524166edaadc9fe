// A pin in the control room reaching every viewer: the show page's own action (POST
// /app/shows/:id.data, intent=pin, as the page's form sends it through App Bridge with a fresh
// session token), authenticated, stored and numbered by the app, to each viewer's `pin` event.
// The same viewers on nchan get the same payload bytes published, with the same timing.
import path from "node:path";
import { reservePort } from "../../support/reserved-port";
import { BROWSER_USER_AGENT } from "../../support/admin-client";
import { sandboxShopify } from "../../sandbox/config";
import { mintSessionToken } from "../../sandbox/shopify/session-token";
import { createDriverAdapter } from "../../../app/db/driver-adapter.server";
import { BENCH_SHOP, BENCH_SHOW_ID } from "../lib/catalog";
import { copyDatabase } from "../lib/prepare";
import { LoadGenerator, openViewerStreams } from "../lib/load-generator";
import { startApp } from "../lib/processes";
import { summarizeFanout, type FanoutOptions, type FanoutResult, type FanoutTarget } from "./fanout";
import { startNchan } from "./nchan";
import type { Command, FiredReply, HttpTrigger, Reply } from "./protocol";

interface Pinnable {
  showProductId: string;
  productId: string;
}

/** The pin event's data exactly as the app serialises it (setProductPinned: the product shown). */
export function pinPayload(productId: string): string {
  return JSON.stringify({ productId });
}

/** The bench show's lineup as stored, in order: each publish pins the next, so every payload differs from the last. */
async function lineupOf(databaseUrl: string): Promise<Pinnable[]> {
  const { PrismaClient } = await import("@prisma/client");
  const prisma = new PrismaClient({ adapter: createDriverAdapter(databaseUrl) });
  try {
    const products = await prisma.showProduct.findMany({ where: { shop: BENCH_SHOP, showId: BENCH_SHOW_ID }, orderBy: { position: "asc" }, select: { id: true, productId: true } });
    return products.map((product) => ({ showProductId: product.id, productId: product.productId }));
  } finally {
    await prisma.$disconnect();
  }
}

interface PinServer {
  port: number;
  streamPath: string;
  readyMarker: string;
  trigger(pin: Pinnable): Promise<HttpTrigger>;
  logs(): string;
  close(): Promise<void>;
}

async function startPinTarget(target: FanoutTarget, clients: number, databaseUrl: string, options: FanoutOptions): Promise<PinServer> {
  if (target === "nchan") {
    const nchan = await startNchan(path.join(options.workDir, `pin-nchan-${clients}`), await reservePort());
    return {
      port: nchan.port,
      streamPath: nchan.subscribePath(BENCH_SHOW_ID),
      readyMarker: ": hi\n",
      trigger: async (pin) => ({ port: nchan.port, method: "POST", path: nchan.publishPath(BENCH_SHOW_ID), headers: { "content-type": "application/json" }, body: pinPayload(pin.productId) }),
      logs: nchan.errors,
      close: nchan.close,
    };
  }
  const app = await startApp(await reservePort(), { DATABASE_URL: databaseUrl, LIVE_SHOWS_BUILD_DIR: options.buildDir, ...options.appEnv });
  return {
    port: app.port,
    streamPath: `/realtime/shows/${BENCH_SHOW_ID}?shop=${BENCH_SHOP}`,
    readyMarker: "event: snapshot\n",
    trigger: async (pin) => ({
      port: app.port,
      method: "POST",
      // Remix's single fetch: the action alone, as the page's form submits it.
      path: `/app/shows/${BENCH_SHOW_ID}.data`,
      headers: {
        authorization: `Bearer ${await mintSessionToken({ shop: BENCH_SHOP, apiKey: sandboxShopify.apiKey, apiSecret: sandboxShopify.apiSecret })}`,
        "user-agent": BROWSER_USER_AGENT,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "pin", showProductId: pin.showProductId }).toString(),
    }),
    logs: app.logs,
    close: app.close,
  };
}

/** Pins the lineup's products in turn while `clients` viewers watch; the same medians as the stock fan-out. */
export async function runPin(target: FanoutTarget, clients: number, options: FanoutOptions & { templateDb: string }): Promise<FanoutResult> {
  const databaseUrl = copyDatabase(options.templateDb, path.join(options.workDir, `pin-${target}-${clients}`, "app.db"));
  const lineup = await lineupOf(databaseUrl);
  const server = await startPinTarget(target, clients, databaseUrl, options);
  const generator = new LoadGenerator<Command, Reply>("load generator", path.join(import.meta.dirname, "sse-clients.ts"), {
    onError: (message) => {
      if (!message.startsWith("trigger failed")) console.error(`load generator: ${message}`);
    },
  });
  try {
    const connected = await openViewerStreams(generator, server, clients, `${target} (pin)`, options.log);
    const measured: FiredReply[] = [];
    for (let publish = 0; publish < options.warmups + options.publishes; publish++) {
      const pin = lineup[publish % lineup.length] as Pinnable;
      const trigger = await server.trigger(pin);
      const fired = await generator.ask<FiredReply>({ type: "fire", marker: pinPayload(pin.productId), trigger, timeoutMs: 30_000 }, 40_000);
      if (fired.status < 200 || fired.status > 299) throw new Error(`the ${target} pin answered ${fired.status}:\n${server.logs().slice(-2000)}`);
      if (fired.received === 0) throw new Error(`no client received pin ${publish} from ${target}:\n${server.logs().slice(-2000)}`);
      const warm = publish < options.warmups;
      options.log(
        `    ${warm ? "warm-up" : "pin"} ${publish + 1}: p50 ${fired.p50.toFixed(1)} p99 ${fired.p99.toFixed(1)} max ${fired.max.toFixed(1)} ms, ` +
          `trigger answered in ${fired.triggerMs.toFixed(1)} ms${fired.missing ? `, ${fired.missing} missing` : ""}`,
      );
      if (!warm) measured.push(fired);
      await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
    return summarizeFanout(target, clients, 1, connected, measured.map((run) => ({ ...run, entry: 0 })));
  } finally {
    await generator.close();
    await server.close();
  }
}

/** Issue 15: a pin reaches every one of 10,000 viewers at p99 within this. */
export const PIN_P99_GOAL_MS = 100;

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

export function pinRows(results: readonly FanoutResult[]): string[][] {
  const ours = results.find((row) => row.target === "live-shows");
  const nchan = results.find((row) => row.target === "nchan");
  if (!ours || !nchan) return [];
  const label = `pin ${ours.clients.toLocaleString("en-US")} viewers`;
  const rows = [
    [`${label}: p50 / p99 / max ms`, `${fmt(ours.p50)} / ${fmt(ours.p99)} / ${fmt(ours.max)}`, `${fmt(nchan.p50)} / ${fmt(nchan.p99)} / ${fmt(nchan.max)}`, "nchan publishing the same payload", `p99 ${fmt(ours.p99 / nchan.p99, 2)}×`],
    [`${label}: p99 range over pins`, `${fmt(ours.p99Range[0])}–${fmt(ours.p99Range[1])}`, `${fmt(nchan.p99Range[0])}–${fmt(nchan.p99Range[1])}`, "", ""],
    [`${label}: trigger answered (admin action / publish) ms`, fmt(ours.triggerMs), fmt(nchan.triggerMs), "", ""],
  ];
  if (ours.missing || nchan.missing) rows.push([`${label}: viewers missing a pin (worst)`, String(ours.missing), String(nchan.missing), "", ""]);
  return rows;
}

export function pinVerdicts(results: readonly FanoutResult[]): string[] {
  const ours = results.find((row) => row.target === "live-shows");
  const nchan = results.find((row) => row.target === "nchan");
  if (!ours) return [];
  const figures = `${fmt(ours.p99)} ms${nchan ? ` (nchan ${fmt(nchan.p99)} ms)` : ""}`;
  if (ours.clients !== 10_000) return [`pin p99 ≤ ${PIN_P99_GOAL_MS} ms: not judged here — the target is at 10,000 viewers, this run measured ${ours.clients.toLocaleString("en-US")} (${figures})`];
  return [`pin from the control room to 10,000 viewers, p99 ≤ ${PIN_P99_GOAL_MS} ms: ${ours.p99 <= PIN_P99_GOAL_MS ? "MET" : "MISSED"} — ${figures}`];
}
