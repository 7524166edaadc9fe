// Embedded admin pages (issue 12): how long a merchant waits, in the sandbox admin in headless
// Chromium, from the admin page's navigation start until an app page is usable (its heading
// visible, React hydrated, a named control responding, App Bridge ready: see usable-probe.ts),
// beside the floor — an empty Polaris page (floor-route.tsx, in the benchmark's build only)
// through the same server, layout, App Bridge and authentication. Each load opens a fresh browser
// context (an empty HTTP cache, as on a merchant's first visit of the day), then loads the same
// admin URL again in it (a warm cache, as on every visit after). Setups alternate within each
// round; medians are reported.
import { chromium, type Browser, type Page } from "playwright-core";
import { appTestEnv } from "../../support/app-env";
import { CHROMIUM_ARGS, desktopUserAgent } from "../../e2e/browser";
import { CHROME_PATH, LOOPBACK_ONLY_RULES } from "../lighthouse/storefront";
import { median } from "../lib/stats";
import { USABLE_BINDING, usableProbe, type FrameResource, type UsableReport, type UsableTarget } from "./usable-probe";

export const FLOOR = "floor (empty Polaris page)";
export type AdminSetup = typeof FLOOR | "show list" | "show page (scheduled)" | "control room (live)";
export type CacheState = "cold" | "warm";

export interface AdminLoad {
  /** Every figure in ms from the admin page's navigation start. */
  usable: number;
  heading: number;
  hydrated: number;
  appBridgeReady: number;
  /** The admin shell's HTML received. */
  shell: number;
  /** The app's document: requested, first byte, last byte. */
  appRequested: number;
  appFirstByte: number;
  appLoaded: number;
  domContentLoaded: number;
  /** Requests the app's frame made before it was usable, and the bytes they moved over the network. */
  requests: number;
  transferred: number;
}

export interface AdminResult {
  setup: AdminSetup;
  cache: CacheState;
  loads: AdminLoad[];
  median: AdminLoad;
}

export interface AdminOptions {
  runs: number;
  buildDir: string;
  databaseUrl: string;
  /** Print the app frame's requests for the first round's loads. */
  waterfall: boolean;
  log(line: string): void;
}

const LOAD_TIMEOUT_MS = 30_000;

function loadOf(top: { origin: number; shellEnd: number }, report: UsableReport): AdminLoad {
  const frame = (ms: number) => report.frameOrigin - top.origin + ms;
  const before = report.resources.filter((entry) => frame(entry.end) <= report.usableAt - top.origin);
  return {
    usable: report.usableAt - top.origin,
    heading: report.headingAt - top.origin,
    hydrated: report.hydratedAt - top.origin,
    appBridgeReady: report.appBridgeReadyAt - top.origin,
    shell: top.shellEnd,
    appRequested: frame(0),
    appFirstByte: frame(report.document.responseStart),
    // 0 while the document is still streaming when the page turns usable.
    appLoaded: report.document.responseEnd ? frame(report.document.responseEnd) : Number.NaN,
    domContentLoaded: report.document.domContentLoaded ? frame(report.document.domContentLoaded) : Number.NaN,
    requests: before.length + 1,
    transferred: before.reduce((sum, entry) => sum + entry.transferred, 0),
  };
}

/** Loads `url` in the page and resolves with what the probe in the app's frame reported. */
async function timedLoad(page: Page, url: string, reports: { next?: (report: UsableReport) => void }): Promise<{ load: AdminLoad; resources: FrameResource[]; frameOffset: number }> {
  const reported = new Promise<UsableReport>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${url} was not usable within ${LOAD_TIMEOUT_MS / 1000} s`)), LOAD_TIMEOUT_MS);
    reports.next = (report) => {
      clearTimeout(timer);
      resolve(report);
    };
  });
  await page.goto(url, { waitUntil: "commit" });
  const report = await reported;
  const top = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { origin: performance.timeOrigin, shellEnd: navigation.responseEnd };
  });
  return { load: loadOf(top, report), resources: report.resources, frameOffset: report.frameOrigin - top.origin };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0).padStart(5) : "  n/a");

function describe(load: AdminLoad): string {
  return (
    `usable ${ms(load.usable)} ms (shell ${ms(load.shell)}, app requested ${ms(load.appRequested)}, first byte ${ms(load.appFirstByte)}, ` +
    `document ${ms(load.appLoaded)}, DOMContentLoaded ${ms(load.domContentLoaded)}, heading ${ms(load.heading)}, hydrated ${ms(load.hydrated)}, App Bridge ready ${ms(load.appBridgeReady)}; ` +
    `${load.requests} requests, ${(load.transferred / 1024).toFixed(0)} KiB)`
  );
}

function waterfall(load: AdminLoad, resources: FrameResource[], frameOffset: number, log: (line: string) => void) {
  log(`      ${ms(load.appRequested)} → ${ms(load.appLoaded)} ms  app document (first byte at ${ms(load.appFirstByte)})`);
  for (const entry of [...resources].sort((a, b) => a.start - b.start)) {
    const size = entry.transferred ? `${(entry.transferred / 1024).toFixed(1)} KiB` : entry.decoded ? `cached, ${(entry.decoded / 1024).toFixed(1)} KiB` : "cached or opaque";
    const name = entry.name.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
    log(`      ${ms(frameOffset + entry.start)} → ${ms(frameOffset + entry.end)} ms  ${entry.initiator.padEnd(6)} ${name} (${size})`);
  }
  log(`      DOMContentLoaded ${ms(load.domContentLoaded)}, heading ${ms(load.heading)}, hydrated ${ms(load.hydrated)}, usable ${ms(load.usable)}`);
}

const FIGURES: (keyof AdminLoad)[] = ["usable", "heading", "hydrated", "appBridgeReady", "shell", "appRequested", "appFirstByte", "appLoaded", "domContentLoaded", "requests", "transferred"];

export async function runAdminPages(options: AdminOptions): Promise<AdminResult[]> {
  // The sandbox helpers use the app's modules (Prisma, env): they read this process's environment.
  for (const [name, value] of Object.entries(appTestEnv({ DATABASE_URL: options.databaseUrl }))) process.env[name] = value;
  process.env.LIVE_SHOWS_BUILD_DIR = options.buildDir;
  const { startStack } = await import("../../support/stack");
  const { createShow, openStorefrontShop, shopLocalTime } = await import("../../support/storefront-shop");
  const { adminAppUrl } = await import("../../sandbox/shopify/admin-shell");

  const stack = await startStack();
  let browser: Browser | undefined;
  try {
    const shop = await openStorefrontShop(stack);
    const { scarf, shirt, mug } = shop.products;
    // A list of a few shows, one scheduled with a lineup and one live (the encoder connected).
    for (const [index, title] of ["Spring linen", "Mugs and more", "Scarf season"].entries()) {
      await createShow(shop, { title, products: [scarf, shirt, mug].slice(index), startsAt: shopLocalTime(60 * 24 * (index + 2)) });
    }
    const scheduled = await createShow(shop, { title: "Autumn layers, live", products: [shirt, scarf, mug], startsAt: shopLocalTime(90) });
    const live = await createShow(shop, { title: "Knits, live now", products: [scarf, shirt, mug], startsAt: shopLocalTime(5) });
    await stack.mux.connectEncoder(live.muxLiveStreamId);
    await stack.mux.webhooks.settled();

    const admin = (path: string) => adminAppUrl(stack.shopify.url, shop.domain, path);
    const setups: Array<{ setup: AdminSetup; url: string; target: UsableTarget }> = [
      { setup: FLOOR, url: admin("/app/bench-floor"), target: { heading: "Empty page", control: "Shows" } },
      { setup: "show list", url: admin("/app/shows"), target: { heading: "Shows", control: "Schedule a show" } },
      { setup: "show page (scheduled)", url: admin(`/app/shows/${scheduled.id}`), target: { heading: "Autumn layers, live", control: "Archive show" } },
      { setup: "control room (live)", url: admin(`/app/shows/${live.id}`), target: { heading: "Knits, live now", control: "End show" } },
    ];
    // No request interception (Playwright's routing turns the HTTP cache off): other hosts simply do not resolve.
    // Each context opens a window, and headless Chromium 156 builds each window's omnibox popup
    // (a WebUI page, about a core's worth for a few hundred ms) unless told not to: measured in a
    // trace, it ran beside every load and spread the figures.
    const args = [...CHROMIUM_ARGS, `--host-resolver-rules=${LOOPBACK_ONLY_RULES}`, "--disable-features=WebUIOmniboxPopup"];
    browser = await chromium.launch({ executablePath: CHROME_PATH, args, headless: true });
    const loads = new Map<string, AdminLoad[]>();
    const key = (setup: AdminSetup, cache: CacheState) => `${setup}|${cache}`;
    // One unmeasured round: the app's first requests compile and cache on the server.
    for (let round = 0; round <= options.runs; round++) {
      for (const { setup, url, target } of setups) {
        const context = await browser.newContext({ userAgent: desktopUserAgent(browser) });
        const reports: { next?: (report: UsableReport) => void } = {};
        await context.exposeBinding(USABLE_BINDING, (_source, report: UsableReport) => reports.next?.(report));
        await context.addInitScript({ content: usableProbe(target) });
        const page = await context.newPage();
        try {
          for (const cache of ["cold", "warm"] as CacheState[]) {
            const { load, resources, frameOffset } = await timedLoad(page, url, reports);
            if (round === 0) continue;
            loads.set(key(setup, cache), [...(loads.get(key(setup, cache)) ?? []), load]);
            options.log(`  ${setup}, ${cache} cache, run ${round}: ${describe(load)}`);
            if (options.waterfall && round === 1) waterfall(load, resources, frameOffset, options.log);
          }
        } finally {
          await context.close();
        }
      }
    }
    return setups.flatMap(({ setup }) =>
      (["cold", "warm"] as CacheState[]).map((cache) => {
        const list = loads.get(key(setup, cache)) ?? [];
        const medians = Object.fromEntries(FIGURES.map((figure) => [figure, median(list.map((load) => load[figure]))])) as unknown as AdminLoad;
        return { setup, cache, loads: list, median: medians };
      }),
    );
  } finally {
    await browser?.close();
    await stack.close();
  }
}
