// Lighthouse (issue 6): the mobile performance score of the sandbox storefront's product page
// without the app's theme extension and with it (the "Live show" block on the product template
// and the "Live now" embed switched on, as a merchant who installed the app has it), for an
// upcoming show and, optionally, for one that is live. Runs alternate between the
// configurations so that a change in the machine's load hits each alike; medians are reported.
// Lighthouse is the npm package with Debian's Chromium (CHROME_PATH), offline; its default
// config is the mobile one (Moto G Power emulation, simulated slow 4G, 4× CPU slowdown).
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { appTestEnv } from "../../support/app-env";
import { track } from "../lib/processes";
import { ROOT } from "../lib/prepare";
import { median } from "../lib/stats";

export const CHROME_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync";
/** Loopback only: any other host name resolves to nothing, so no request leaves the machine. */
export const LOOPBACK_ONLY_RULES = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";
const LOOPBACK_ONLY = `--host-resolver-rules="${LOOPBACK_ONLY_RULES}"`;

export type PageSetup = "without the app" | "with the block, show upcoming" | "with the block, show live";

export interface LighthouseRun {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  /** Bytes the page transferred. */
  bytes: number;
  requests: number;
  /** Requests the page made to hosts other than 127.0.0.1 (refused by the resolver rule). */
  external: string[];
  warnings: string[];
}

export interface LighthouseResult {
  setup: PageSetup;
  runs: LighthouseRun[];
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  bytes: number;
  requests: number;
}

export interface LighthouseOptions {
  runs: number;
  live: boolean;
  buildDir: string;
  databaseUrl: string;
  workDir: string;
  log(line: string): void;
}

interface LighthouseReport {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: Array<{ transferSize?: number; url?: string }> } }>;
  runWarnings: string[];
  runtimeError?: { code: string; message: string };
}

function lighthouse(url: string, output: string): Promise<LighthouseRun> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(
        process.execPath,
        [
          path.join(ROOT, "node_modules/lighthouse/cli/index.js"),
          url,
          `--chrome-flags=${CHROME_FLAGS}`,
          `--chrome-flags=${LOOPBACK_ONLY}`,
          "--only-categories=performance",
          "--output=json",
          `--output-path=${output}`,
          "--quiet",
        ],
        { cwd: ROOT, env: { ...process.env, CHROME_PATH }, stdio: ["ignore", "ignore", "pipe"] },
      ),
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), 180_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`lighthouse exited ${code}:\n${stderr.slice(-2000)}`));
      try {
        const report = JSON.parse(readFileSync(output, "utf8")) as LighthouseReport;
        rmSync(output, { force: true });
        if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
        const score = report.categories.performance.score;
        if (score === null) throw new Error(`lighthouse gave no performance score: ${report.runWarnings.join("; ")}`);
        const value = (audit: string) => report.audits[audit]?.numericValue ?? Number.NaN;
        const network = report.audits["network-requests"]?.details?.items ?? [];
        resolve({
          score: Math.round(score * 100),
          fcp: value("first-contentful-paint"),
          lcp: value("largest-contentful-paint"),
          tbt: value("total-blocking-time"),
          cls: value("cumulative-layout-shift"),
          si: value("speed-index"),
          bytes: network.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
          requests: network.length,
          external: [...new Set(network.map((item) => item.url ?? "").filter((url) => /^https?:/.test(url) && new URL(url).hostname !== "127.0.0.1").map((url) => new URL(url).host))],
          warnings: report.runWarnings,
        });
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function runLighthouse(options: LighthouseOptions): Promise<LighthouseResult[]> {
  // The sandbox helpers use the app's modules (Prisma, env): they read this process's environment.
  for (const [name, value] of Object.entries(appTestEnv({ DATABASE_URL: options.databaseUrl }))) process.env[name] = value;
  process.env.LIVE_SHOWS_BUILD_DIR = options.buildDir;
  const { startStack } = await import("../../support/stack");
  const { createShow, openStorefrontShop, shopLocalTime } = await import("../../support/storefront-shop");
  const { storefrontOf } = await import("../../sandbox/shopify/storefront/registry");

  const stack = await startStack();
  try {
    const shop = await openStorefrontShop(stack);
    const { scarf, shirt, mug } = shop.products;
    const theme = storefrontOf(stack.shopify.state).theme;
    const upcoming = await createShow(shop, { title: "Autumn layers, live", products: [shirt, scarf, mug], startsAt: shopLocalTime(90) });
    const setups: Array<{ setup: PageSetup; apply(): void }> = [
      { setup: "without the app", apply: () => theme.configure(shop.domain, { home: [], product: [], embeds: { "live-now": { enabled: false } } }) },
      {
        setup: "with the block, show upcoming",
        apply: () =>
          theme.configure(shop.domain, { home: [], product: [{ block: "live-show", settings: { show_id: upcoming.id } }], embeds: { "live-now": { enabled: true } } }),
      },
    ];
    if (options.live) {
      const live = await createShow(shop, { title: "Knits, live now", products: [scarf, shirt, mug], startsAt: shopLocalTime(5) });
      await stack.mux.connectEncoder(live.muxLiveStreamId);
      await stack.mux.webhooks.settled();
      setups.push({
        setup: "with the block, show live",
        apply: () => theme.configure(shop.domain, { home: [], product: [{ block: "live-show", settings: { show_id: live.id } }], embeds: { "live-now": { enabled: true } } }),
      });
    }
    const url = shop.storefront("/products/wool-scarf");
    options.log(`  page: ${url}`);
    const runs = new Map<PageSetup, LighthouseRun[]>(setups.map(({ setup }) => [setup, []]));
    for (let round = 1; round <= options.runs; round++) {
      for (const { setup, apply } of setups) {
        apply();
        const run = await lighthouse(url, path.join(options.workDir, `lighthouse-${round}.json`));
        runs.get(setup)?.push(run);
        options.log(
          `  ${setup}, run ${round}: score ${run.score} (FCP ${run.fcp.toFixed(0)} ms, LCP ${run.lcp.toFixed(0)} ms, TBT ${run.tbt.toFixed(0)} ms, ` +
            `CLS ${run.cls.toFixed(3)}, ${run.requests} requests, ${(run.bytes / 1024).toFixed(0)} KiB)` +
            (run.external.length ? ` tried other hosts: ${run.external.join(", ")};` : "") +
            (run.warnings.length ? ` Lighthouse warned: ${run.warnings.join("; ")}` : ""),
        );
      }
    }
    return setups.map(({ setup }) => {
      const list = runs.get(setup) as LighthouseRun[];
      const of = (key: keyof Omit<LighthouseRun, "warnings" | "external">) => median(list.map((run) => run[key]));
      return { setup, runs: list, score: of("score"), fcp: of("fcp"), lcp: of("lcp"), tbt: of("tbt"), cls: of("cls"), si: of("si"), bytes: of("bytes"), requests: of("requests") };
    });
  } finally {
    await stack.close();
  }
}
