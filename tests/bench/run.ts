// `npm run bench`: the benchmarks of issues 5 and 6, each beside its baseline, measured in the
// same run on the same machine, printed as one table with a verdict per target.
//
//   npm run bench                      everything (about 20 minutes on 2 cores); writes tests/bench/RESULTS.md
//   npm run bench -- --quick           a smoke run (200 viewers, small ingest rounds, one Lighthouse run): under a minute
//   npm run bench -- --only=fanout     fanout | ingest | lighthouse | admin | chat | beacons, comma-separated
//   npm run bench -- --only=storm      join storm: 10,000 viewers load a show's bootstrap within 10 s, beside today's loader (--quick: 1,000 in 1 s)
//   npm run bench -- --only=beacons    viewer beacon ingest: events/s and CPU per 1,000 events, beside one row per event
//   npm run bench -- --only=chat       chat fan-out: 10,000 viewers, 20 messages/s for 60 s (--quick: 500 viewers, 10 s)
//   npm run bench -- --only=ingest-pg,storm-pg,fanout-2x   the production setup: ingest and the join storm on PostgreSQL, the fan-out over two instances sharing Redis
//   npm run bench -- --sizes=1000      fan-out viewer counts (default 1000,10000)
//   npm run bench -- --cpu-prof        profile the servers under ingest load (and the app carrying chat) and say where their time goes
//   npm run bench -- --live            Lighthouse also with a live show (the player loads when the block is in view)
//   npm run bench -- --only=admin --waterfall   embedded admin pages, with each page's requests in order
//
// Loopback only. Every server is started by this run, on a fresh copy of a seeded SQLite
// database, and stopped by it; load generators run in processes of their own.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NCHAN_MODULE, NGINX_BIN } from "./fanout/nchan";
import { runFanout, type FanoutResult, type FanoutTarget } from "./fanout/fanout";
import { pinRows, pinVerdicts, runPin } from "./fanout/pin";
import { latencyMs, runChat, type ChatResult, type ChatTarget } from "./chat/chat";
import { runIngest, type IngestResult } from "./ingest/ingest";
import { runBeaconPipelines, runBeacons, type BeaconResult, type PipelineResult } from "./beacons/beacons";
import { runStorm, stormRows, stormVerdicts, type StormResult } from "./storm/storm";
import { CHROME_PATH, runLighthouse, type LighthouseResult } from "./lighthouse/storefront";
import { FLOOR, runAdminPages, type AdminResult } from "./admin/admin-pages";
import { seedBenchShop } from "./lib/catalog";
import { copyDatabase, ensureAppBuild, ensureDebianPackages, migratedDatabase, ROOT, setJournalMode } from "./lib/prepare";
import { formatProfile, mainThreadProfiles, summarizeProfile } from "./lib/profile";
import { atExit, stopChildrenOnExit } from "./lib/processes";
import { PRODUCTION_SECTIONS, productionRows, productionVerdicts, runProduction, type ProductionSection } from "./production/production";

type Section = "fanout" | "ingest" | "lighthouse" | "admin" | "chat" | "beacons" | "storm" | ProductionSection;
const SECTIONS: Section[] = ["fanout", "ingest", "lighthouse", "admin", "chat", "beacons", "storm", ...PRODUCTION_SECTIONS];

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [name, value = "true"] = arg.replace(/^--/, "").split("=") as [string, string?];
    flags.set(name, value);
  }
  const known = ["quick", "only", "sizes", "cpu-prof", "live", "waterfall", "help"];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`Unknown option --${name} (known: ${known.map((entry) => `--${entry}`).join(" ")})`);
  const quick = flags.has("quick");
  const list = <T extends string>(name: string, fallback: T[]) => (flags.get(name)?.split(",").filter(Boolean) as T[] | undefined) ?? fallback;
  const sections = list<Section>("only", SECTIONS);
  for (const section of sections) if (!SECTIONS.includes(section)) throw new Error(`--only: unknown section ${section}`);
  const sizes = list("sizes", quick ? ["200"] : ["1000", "10000"]).map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 15_000)) throw new Error("--sizes: whole numbers from 1 to 15000 (a process holds about 19,000 sockets here)");
  return { quick, sections, sizes, cpuProf: flags.has("cpu-prof"), live: flags.has("live") || !quick, waterfall: flags.has("waterfall"), help: flags.has("help"), full: !quick && !flags.has("only") && !flags.has("sizes") };
}

const NOTES = [
  "- One machine runs the server under test, its baseline (one at a time for fan-out, side by side but idle in turn for ingest) and the load generators, each in its own process; with 2 cores the load generator takes most of one core, so at 10,000 viewers part of every figure is the generator reading its sockets. Other work on the machine (see the load averages) spreads the figures: compare ratios measured in the same run, not figures across runs.",
  "- Fan-out: latency runs from just before the trigger (our signed webhook; nchan's publisher POST) to each viewer's receipt of the chunk holding the event's payload; ours therefore includes verifying, deduplicating and storing the webhook. Viewers connect from 127.0.x.y addresses, 50 per address (the app caps streams per address at 100). nchan runs one nginx worker, as the app is one Node process.",
  "- Ingest: the same signed requests (20% for the live show's lineup, 80% for the rest of the catalog, 5% older than what is stored, each with its own event id) go to every server at 32 in flight over keep-alive connections; rounds alternate between servers. Throughput is requests answered per second of the round.",
  "- Lighthouse: the npm package's default (mobile) configuration with Debian's Chromium, simulated throttling; host names other than 127.0.0.1 do not resolve. A live show keeps loading video segments, so Lighthouse stops at its load timeout and warns that results may be incomplete: read that row as indicative.",
  "- Admin pages: from the sandbox admin's navigation start until the app's iframe shows the page's <h1>, React has hydrated, the page's primary control carries its click handler and App Bridge is ready (tests/bench/admin/usable-probe.ts). The floor is an empty Polaris page in the same layout, served by the same build, which only the benchmark's build has. Cold: a fresh browser context (empty HTTP cache); warm: the same URL loaded again in it. The Shopify sandbox (admin shell, App Bridge stand-in, Admin API) runs in the benchmark's own process, beside Playwright.",
  "- Chat fan-out: the load generator holds the viewers' streams and posts the messages at a steady rate (a late timer delays a message, never drops it); latency runs from just before each post to each viewer's receipt of the chunk holding that message's text, over every (message, viewer) pair after a warm-up. Ours: signed app-proxy posts from 200 viewer tokens and 50 X-Forwarded-For addresses (each far under its rate limits), so it includes verifying, rate limiting and storing each message, then the app's 250 ms window. nchan: the same messages as the app's chat event JSON, each message its own publish (as the app receives it), and for context in the app's 250 ms windows, one publish each. CPU is user + system time of the server's processes (nginx's master and worker) over warm-up, messages and drain.",
  "- Join storm: viewers arrive at times drawn in advance (open loop) and each request's latency runs from its viewer's arrival, so a server that falls behind is charged for its queue. Requests go straight to the app's proxy route, signed as Shopify's app proxy signs them (the sandbox's proxy hop is not measured), from a load generator in its own process over keep-alive connections (at most 256). Markets: 40% the shop's own, 20% SE, 15% NO, 15% DE, 10% US; 30% of viewers load again 1–3 s after their first answer with its ETag. Today's loader is the same build's bootstrap built whole per request (tests/bench/storm/uncached-route.ts), under a storm at the same arrival rate but shorter; requests/s is compared at saturation, 64 in flight, alternating.",
  "- Production setup: ingest-pg and storm-pg are the ingest benchmark and the join storm again, every server (ours and the baseline) on a copy of the same seeded PostgreSQL database (a local server, default settings, Prisma's pg adapter). fanout-2x: two app instances on one PostgreSQL database and one Redis (pub/sub between instances), the viewers split half and half, each publish's webhook sent to the other instance than the last; the baseline is one instance on the same PostgreSQL and Redis holding all the viewers, in runs ordered one, two, two, one instance(s), each figure the mean of its configuration's runs. Both instances and the load generator share the machine's two cores.",
  "- Beacons: every request is a new viewer's first batch (view start and a heartbeat) through the signed app proxy, 32 in flight: a launch storm, the app's heaviest case, since each is also a new unique viewer row. The baseline (tests/bench/beacons/row-per-event-server.ts) runs the same signature, token and body checks from the same modules on bare node:http, then one INSERT per event. CPU is the server process's user + system time from the round's first request until its rows are written (for the app, until the flush after the round).",
];

/** What each section's medians are taken over, for the summary. */
const MEDIANS_OVER: Record<Section, (quick: boolean) => string> = {
  fanout: (quick) => `fan-out over ${quick ? 3 : 7} publishes a ${quick ? "0.3" : "1"} s apart after ${quick ? 1 : 3} warm-up(s), fresh server per configuration`,
  ingest: (quick) => `ingest over ${quick ? 1 : 3} alternating round(s) after a warm-up`,
  beacons: (quick) => `beacons: one ${quick ? 3 : 10} s round per server after a 1 s warm-up (totals, not medians)`,
  storm: (quick) => `join storm: one storm per path (percentiles over every request); requests/s the median of ${quick ? 1 : 3} alternating saturation round(s)`,
  "ingest-pg": (quick) => `ingest on PostgreSQL over ${quick ? 1 : 3} alternating round(s) after a warm-up`,
  "storm-pg": () => "join storm on PostgreSQL as on SQLite",
  "fanout-2x": (quick) => `fan-out over two instances over ${quick ? 4 : 8} publishes (half entering at each) after ${quick ? 1 : 2} warm-up(s), fresh servers and database per run, ${quick ? "one run per configuration" : "runs ordered one, two, two, one instance(s), the mean of each configuration's two"}`,
  lighthouse: (quick) => `Lighthouse over ${quick ? 1 : 5} alternating run(s)`,
  admin: (quick) => `admin pages over ${quick ? 3 : 7} alternating run(s) after an unmeasured one`,
  chat: (quick) => `chat fan-out over every delivery of ${quick ? 10 : 60} s of messages after a ${quick ? 2 : 5} s warm-up, fresh server per configuration`,
};

/** Issue 13's chat fan-out: 10,000 viewers, 20 messages a second. */
const CHAT = { viewers: 10_000, quickViewers: 500, perSecond: 20 };

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  console.log(line);
};

function machineFacts() {
  const cpus = os.cpus();
  let somaxconn = "?";
  try {
    somaxconn = readFileSync("/proc/sys/net/core/somaxconn", "utf8").trim();
  } catch {
    // not Linux
  }
  let nofile = "?";
  try {
    nofile = execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim();
  } catch {
    // no shell
  }
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "?",
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    somaxconn,
    nofile,
    loadStart: os.loadavg().map((value) => value.toFixed(2)).join(" "),
  };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const num = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a");
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] as number)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const lines = readFileSync(import.meta.filename, "utf8").split("\n");
    console.log(lines.slice(0, lines.findIndex((line) => !line.startsWith("//"))).join("\n"));
    return;
  }
  stopChildrenOnExit();
  const started = Date.now();
  const facts = machineFacts();
  log(`Live Shows benchmarks — ${facts.date}${options.quick ? " (quick)" : ""}`);
  log(`machine: ${facts.cores} cores (${facts.cpu}), ${facts.memory}, Node ${facts.node}, ${facts.kernel}, somaxconn ${facts.somaxconn}, nofile ${facts.nofile}, load average ${facts.loadStart}`);

  const wanted = [];
  if (options.sections.includes("fanout") || options.sections.includes("chat")) wanted.push({ pkg: "nginx", binary: NGINX_BIN }, { pkg: "libnginx-mod-nchan", binary: NCHAN_MODULE });
  if (options.sections.includes("lighthouse") || options.sections.includes("admin")) wanted.push({ pkg: "chromium", binary: CHROME_PATH });
  ensureDebianPackages(wanted, log);

  const workDir = path.join(ROOT, "tests/.tmp", `bench-${process.pid}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  if (!process.env.BENCH_KEEP_WORKDIR) atExit(() => rmSync(workDir, { recursive: true, force: true }));
  const buildDir = ensureAppBuild(log);
  // The seeded shop, twice: in WAL mode (the app switches its database to WAL itself, see
  // app/db.server.ts) and in SQLite's default rollback-journal mode (the template as it ships).
  // Migrations run once (a few seconds); every other database is a copy.
  const empty = path.join(workDir, "migrated-empty.db");
  migratedDatabase(empty);
  const databases = { wal: path.join(workDir, "seeded-wal.db"), rollback: path.join(workDir, "seeded-rollback.db") };
  await seedBenchShop(copyDatabase(empty, databases.rollback));
  copyDatabase(databases.rollback, databases.wal);
  await setJournalMode(databases.wal, "wal");

  const fanout: FanoutResult[] = [];
  const pins: FanoutResult[] = [];
  const chat: ChatResult[] = [];
  let ingest: IngestResult[] = [];
  let lighthouse: LighthouseResult[] = [];
  let admin: AdminResult[] = [];
  const profiles: string[] = [];
  if (options.sections.includes("fanout")) {
    log(`\nfan-out: SSE viewers on loopback, a signed inventory webhook (ours) or a publish (nchan) → each viewer's stock event`);
    for (const clients of options.sizes) {
      for (const target of ["nchan", "live-shows"] as FanoutTarget[]) {
        fanout.push(
          await runFanout(target, clients, {
            warmups: options.quick ? 1 : 3,
            publishes: options.quick ? 3 : 7,
            gapMs: options.quick ? 300 : 1000,
            buildDir,
            templateDb: databases.wal,
            workDir,
            log,
          }),
        );
      }
    }
    const viewers = Math.max(...options.sizes);
    log(`\npin: ${num(viewers)} SSE viewers, the control room's pin action (ours, authenticated) or a publish of the same payload (nchan) → each viewer's pin event`);
    for (const target of ["nchan", "live-shows"] as FanoutTarget[]) {
      pins.push(await runPin(target, viewers, { warmups: options.quick ? 1 : 3, publishes: options.quick ? 3 : 7, gapMs: options.quick ? 300 : 1000, buildDir, templateDb: databases.wal, workDir, log }));
    }
  }
  if (options.sections.includes("chat")) {
    const viewers = options.quick ? CHAT.quickViewers : CHAT.viewers;
    const seconds = options.quick ? 10 : 60;
    log(`\nchat fan-out: ${num(viewers)} SSE viewers on loopback, ${CHAT.perSecond} messages/s for ${seconds} s posted through the signed app proxy (ours) or published (nchan) → each viewer's copy of each message`);
    for (const target of ["nchan", "nchan-windows", "live-shows"] as ChatTarget[]) {
      const profileDir = options.cpuProf && target === "live-shows" ? path.join(workDir, "profiles", "chat") : undefined;
      chat.push(await runChat(target, viewers, { perSecond: CHAT.perSecond, warmupSeconds: options.quick ? 2 : 5, seconds, buildDir, templateDb: databases.wal, workDir, profileDir, log }));
      const result = chat.at(-1) as ChatResult;
      for (const file of profileDir ? mainThreadProfiles(profileDir) : []) {
        profiles.push(formatProfile(summarizeProfile(file), `CPU profile of the app carrying chat: ${num(result.accepted)} messages to ${num(result.open)} viewers`));
      }
    }
  }
  if (options.sections.includes("ingest")) {
    log(`\ningest: signed inventory_levels/update webhooks, 32 in flight, distinct event ids, ${options.quick ? 1 : 3} round(s) alternating between the servers`);
    const profileDir = path.join(workDir, "profiles");
    ingest = await runIngest({
      targets: options.quick ? ["template", "live-shows", "ceiling"] : ["template", "live-shows", "template-stock", "ceiling"],
      warmup: options.quick ? 200 : 1000,
      // The template on a rollback journal syncs the disk on every commit: fewer requests, same time bound.
      // The ceiling answers in microseconds: it gets more requests so that its rounds last a second or more.
      perRound: (target) => (target === "ceiling" ? (options.quick ? 3000 : 30_000) : options.quick ? 600 : target === "template-stock" ? 1000 : 5000),
      rounds: options.quick ? 1 : 3,
      concurrency: 32,
      maxRoundMs: options.quick ? 10_000 : 20_000,
      buildDir,
      databases,
      workDir: path.join(workDir, "ingest"),
      profileDir: options.cpuProf ? profileDir : undefined,
      log,
    });
    if (options.cpuProf) {
      for (const target of readdirSync(profileDir)) {
        const handled = ingest.find((row) => row.target === target)?.handled ?? Number.NaN;
        for (const file of mainThreadProfiles(path.join(profileDir, target))) {
          const summary = summarizeProfile(file);
          profiles.push(formatProfile(summary, `CPU profile of the ${target} server under ingest: ${fmt(summary.busyMs / handled, 3)} ms of CPU per webhook (${num(handled)} webhooks)`));
        }
      }
    }
  }
  let storm: StormResult | null = null;
  if (options.sections.includes("storm")) {
    log(`\njoin storm: signed app-proxy bootstrap loads of a live show (a mix of markets; 30% load again with their ETag), open loop, beside today's loader in the same build`);
    storm = await runStorm({ quick: options.quick, buildDir, databaseUrl: copyDatabase(empty, path.join(workDir, "storm.db")), log });
  }
  const production = await runProduction({
    sections: PRODUCTION_SECTIONS.filter((section) => options.sections.includes(section)),
    quick: options.quick,
    viewers: Math.max(...options.sizes),
    buildDir,
    workDir,
    log,
  });
  let beacons: BeaconResult[] = [];
  let beaconPipelines: PipelineResult[] = [];
  if (options.sections.includes("beacons")) {
    const seconds = options.quick ? 3 : 10;
    log(`\nbeacons: signed app-proxy viewer beacons (a new viewer's view + heartbeat each), 32 in flight, ${seconds} s per server`);
    beacons = await runBeacons({ seconds, buildDir, templateDb: databases.wal, workDir, log });
    beaconPipelines = await runBeaconPipelines({ seconds, batches: options.quick ? 2_000 : 20_000, buildDir, templateDb: databases.wal, workDir, log });
  }
  if (options.sections.includes("lighthouse")) {
    log(`\nLighthouse: mobile performance of the sandbox storefront's product page, ${options.quick ? 1 : 5} run(s) each`);
    lighthouse = await runLighthouse({
      runs: options.quick ? 1 : 5,
      live: options.live,
      buildDir,
      databaseUrl: copyDatabase(empty, path.join(workDir, "lighthouse.db")),
      workDir,
      log,
    });
  }

  if (options.sections.includes("admin")) {
    log(`\nembedded admin pages: admin navigation start → the app's heading visible, hydrated, a control responding and App Bridge ready, in the sandbox admin in Chromium, ${options.quick ? 3 : 7} run(s) each`);
    admin = await runAdminPages({
      runs: options.quick ? 3 : 7,
      buildDir,
      databaseUrl: copyDatabase(empty, path.join(workDir, "admin.db")),
      waterfall: options.waterfall,
      log,
    });
  }

  // ---- the table ----
  const rows: string[][] = [["Benchmark", "Live Shows", "Baseline", "Baseline is", "Ours / baseline"]];
  for (const clients of options.sizes) {
    const ours = fanout.find((row) => row.target === "live-shows" && row.clients === clients);
    const nchan = fanout.find((row) => row.target === "nchan" && row.clients === clients);
    if (!ours || !nchan) continue;
    const label = `fan-out ${clients.toLocaleString("en-US")} viewers`;
    rows.push([`${label}: p50 / p99 / max ms`, `${fmt(ours.p50)} / ${fmt(ours.p99)} / ${fmt(ours.max)}`, `${fmt(nchan.p50)} / ${fmt(nchan.p99)} / ${fmt(nchan.max)}`, "nchan (nginx, 1 worker)", `p99 ${times(ours.p99 / nchan.p99)}`]);
    rows.push([`${label}: p99 range over publishes`, `${fmt(ours.p99Range[0])}–${fmt(ours.p99Range[1])}`, `${fmt(nchan.p99Range[0])}–${fmt(nchan.p99Range[1])}`, "", ""]);
    rows.push([`${label}: trigger answered (webhook / publish) ms`, fmt(ours.triggerMs), fmt(nchan.triggerMs), "", ""]);
    rows.push([`${label}: connected, time to connect all`, `${num(ours.connected)}, ${fmt(ours.connectMs / 1000)} s`, `${num(nchan.connected)}, ${fmt(nchan.connectMs / 1000)} s`, "", ""]);
    if (ours.missing || nchan.missing) rows.push([`${label}: viewers missing an event (worst publish)`, num(ours.missing), num(nchan.missing), "", ""]);
  }
  rows.push(...pinRows(pins));
  const ingestOf = (target: IngestResult["target"]) => ingest.find((row) => row.target === target);
  const oursIngest = ingestOf("live-shows");
  const templateIngest = ingestOf("template");
  if (oursIngest && templateIngest) {
    const ours = oursIngest;
    const template = templateIngest;
    const label = "ingest, SQLite (WAL)";
    const baseline = "template: authenticate.webhook + 1 Prisma write, same SQLite settings";
    rows.push([`${label}: webhooks/s`, num(ours.perSecond), num(template.perSecond), baseline, times(ours.perSecond / template.perSecond)]);
    rows.push([`${label}: p50 / p99 ms`, `${fmt(ours.p50)} / ${fmt(ours.p99)}`, `${fmt(template.p50)} / ${fmt(template.p99)}`, "", `p99 ${times(ours.p99 / template.p99)}`]);
    if (!options.quick) rows.push([`${label}: webhooks/s range over rounds`, `${num(ours.perSecondRange[0])}–${num(ours.perSecondRange[1])}`, `${num(template.perSecondRange[0])}–${num(template.perSecondRange[1])}`, "", ""]);
    const stock = ingestOf("template-stock");
    if (stock) {
      rows.push([
        "ingest vs the template on stock SQLite: webhooks/s, p99 ms",
        `${num(ours.perSecond)}, ${fmt(ours.p99)}`,
        `${num(stock.perSecond)}, ${fmt(stock.p99)}`,
        "the same, SQLite defaults (rollback journal, sync per commit)",
        times(ours.perSecond / stock.perSecond),
      ]);
    }
    const ceiling = ingestOf("ceiling");
    if (ceiling) {
      rows.push(["ingest ceiling: webhooks/s, p99 ms", `${num(ours.perSecond)}, ${fmt(ours.p99)}`, `${num(ceiling.perSecond)}, ${fmt(ceiling.p99)}`, "bare node:http, HMAC + JSON.parse, no DB", times(ours.perSecond / ceiling.perSecond)]);
    }
    const failed = ingest.filter((row) => row.failed);
    if (failed.length) rows.push(["ingest: failed requests", failed.map((row) => `${row.target} ${num(row.failed)}`).join(", "), "", "", ""]);
  }
  const chatOf = (target: ChatTarget) => chat.find((row) => row.target === target);
  const [oursChat, nchanChat, nchanWindows] = [chatOf("live-shows"), chatOf("nchan"), chatOf("nchan-windows")];
  if (oursChat && nchanChat) {
    const label = `chat ${num(oursChat.clients)} viewers, ${CHAT.perSecond} msg/s`;
    const latency = (row: ChatResult) => `${latencyMs(row.p50)} / ${latencyMs(row.p99)} / ${latencyMs(row.max)}`;
    const p99Ratio = (theirs: ChatResult) => (Number.isFinite(oursChat.p99) && Number.isFinite(theirs.p99) ? `p99 ${times(oursChat.p99 / theirs.p99)}` : "p99 —");
    rows.push([`${label}: p50 / p99 / max ms`, latency(oursChat), latency(nchanChat), "nchan (nginx, 1 worker), a publish per message", p99Ratio(nchanChat)]);
    if (nchanWindows) rows.push([`${label}: p50 / p99 / max ms, nchan in windows`, latency(oursChat), latency(nchanWindows), "nchan, a publish per 250 ms window", p99Ratio(nchanWindows)]);
    const cpu = (row: ChatResult) => `${fmt(row.cpuSeconds)} s, ${fmt(row.cpuPercent, 0)}%`;
    rows.push([`${label}: server CPU (user + sys), % of a core`, cpu(oursChat), `${cpu(nchanChat)}${nchanWindows ? `; windows ${cpu(nchanWindows)}` : ""}`, "", times(oursChat.cpuSeconds / nchanChat.cpuSeconds)]);
    rows.push([`${label}: post answered p50 / p99 ms`, `${fmt(oursChat.postP50)} / ${fmt(oursChat.postP99)}`, `${fmt(nchanChat.postP50)} / ${fmt(nchanChat.postP99)}`, "", ""]);
    rows.push([`${label}: messages accepted / posted, viewers`, `${num(oursChat.accepted)} / ${num(oursChat.posted)}, ${num(oursChat.open)}`, `${num(nchanChat.accepted)} / ${num(nchanChat.posted)}, ${num(nchanChat.open)}`, "", ""]);
    if (chat.some((row) => row.missing)) rows.push([`${label}: deliveries missing (counted as ∞)`, num(oursChat.missing), `${num(nchanChat.missing)}${nchanWindows ? `; windows ${num(nchanWindows.missing)}` : ""}`, "", ""]);
  }
  if (storm) rows.push(...stormRows(storm));
  rows.push(...productionRows(production, options.quick));
  const [oursBeacons, rowBeacons] = [beacons.find((row) => row.target === "live-shows"), beacons.find((row) => row.target === "row-per-event")];
  if (oursBeacons && rowBeacons) {
    const label = "beacons, SQLite (WAL)";
    rows.push([`${label}: events/s`, num(oursBeacons.eventsPerSecond), num(rowBeacons.eventsPerSecond), "node:http, same checks, one INSERT per event", times(oursBeacons.eventsPerSecond / rowBeacons.eventsPerSecond)]);
    rows.push([`${label}: server CPU ms per 1,000 events`, fmt(oursBeacons.cpuMsPer1000), fmt(rowBeacons.cpuMsPer1000), "", times(oursBeacons.cpuMsPer1000 / rowBeacons.cpuMsPer1000)]);
    const [oursStore, rowStore] = [beaconPipelines.find((row) => row.target === "live-shows"), beaconPipelines.find((row) => row.target === "row-per-event")];
    if (oursStore && rowStore) {
      rows.push([`${label}, no HTTP (storage alone): events/s`, num(oursStore.eventsPerSecond), num(rowStore.eventsPerSecond), "the same checks, one INSERT per event", times(oursStore.eventsPerSecond / rowStore.eventsPerSecond)]);
      rows.push([`${label}, no HTTP: CPU ms per 1,000 events`, fmt(oursStore.cpuMsPer1000), fmt(rowStore.cpuMsPer1000), "", times(oursStore.cpuMsPer1000 / rowStore.cpuMsPer1000)]);
    }
    rows.push([`${label}: events taken, refused requests, rows written`, `${num(oursBeacons.events)}, ${num(oursBeacons.refused)}, ${num(oursBeacons.rows)}`, `${num(rowBeacons.events)}, ${num(rowBeacons.refused)}, ${num(rowBeacons.rows)}`, "", ""]);
  }
  const without = lighthouse.find((row) => row.setup === "without the app");
  for (const result of lighthouse.filter((row) => row !== without)) {
    if (!without) break;
    rows.push([`Lighthouse mobile score, ${result.setup}`, fmt(result.score, 0), fmt(without.score, 0), "the same page without the app", `${result.score - without.score >= 0 ? "+" : ""}${fmt(result.score - without.score, 0)} points`]);
    rows.push([`  LCP / TBT ms, CLS (${result.setup})`, `${fmt(result.lcp, 0)} / ${fmt(result.tbt, 0)}, ${fmt(result.cls, 3)}`, `${fmt(without.lcp, 0)} / ${fmt(without.tbt, 0)}, ${fmt(without.cls, 3)}`, "", ""]);
    rows.push([`  requests, transferred (${result.setup})`, `${fmt(result.requests, 0)}, ${fmt(result.bytes / 1024, 0)} KiB`, `${fmt(without.requests, 0)}, ${fmt(without.bytes / 1024, 0)} KiB`, "", ""]);
  }

  const floorOf = (cache: AdminResult["cache"]) => admin.find((row) => row.setup === FLOOR && row.cache === cache);
  for (const result of admin.filter((row) => row.setup !== FLOOR)) {
    const floor = floorOf(result.cache);
    if (!floor) continue;
    rows.push([`admin ${result.setup}, ${result.cache} cache: ms to usable`, fmt(result.median.usable, 0), fmt(floor.median.usable, 0), `${FLOOR}, same shell, App Bridge and auth`, times(result.median.usable / floor.median.usable)]);
    // Where the time goes: the app's first byte (server), the heading painted (HTML, CSS, App Bridge), hydrated (scripts).
    const steps = (load: AdminResult["median"]) => `${fmt(load.appFirstByte, 0)} / ${fmt(load.heading, 0)} / ${fmt(load.hydrated, 0)}, ${fmt(load.requests, 0)}`;
    rows.push([`  first byte / heading / hydrated ms, requests (${result.setup}, ${result.cache})`, steps(result.median), steps(floor.median), "", ""]);
  }

  // ---- verdicts ----
  const verdicts: string[] = [];
  const biggest = Math.max(...options.sizes);
  const oursBig = fanout.find((row) => row.target === "live-shows" && row.clients === biggest);
  const nchanBig = fanout.find((row) => row.target === "nchan" && row.clients === biggest);
  if (oursBig && nchanBig) {
    const r = oursBig.p99 / nchanBig.p99;
    const figures = `${fmt(oursBig.p99)} ms vs ${fmt(nchanBig.p99)} ms = ${times(r)}`;
    if (biggest === 10_000) {
      verdicts.push(`fan-out p99 at 10,000 viewers ≤ 2× nchan's: ${r <= 2 ? "MET" : "MISSED"} — ${figures}${r <= 1 ? " (the stretch goal, equal or better, too)" : ""}`);
    } else {
      verdicts.push(`fan-out p99 ≤ 2× nchan's: not judged here — the target is at 10,000 viewers, this run measured ${biggest.toLocaleString("en-US")} (${figures})`);
    }
  }
  // Issue 15's targets, at each size measured that has one.
  for (const [clients, goal] of [[1_000, 1], [10_000, 0.8]] as const) {
    const ours = fanout.find((row) => row.target === "live-shows" && row.clients === clients);
    const nchan = fanout.find((row) => row.target === "nchan" && row.clients === clients);
    if (!ours || !nchan) continue;
    const r = ours.p99 / nchan.p99;
    verdicts.push(`fan-out p99 at ${num(clients)} viewers ≤ ${goal.toFixed(1)}× nchan's: ${r <= goal ? "MET" : "MISSED"} — ${fmt(ours.p99)} ms vs ${fmt(nchan.p99)} ms = ${times(r)}`);
  }
  verdicts.push(...pinVerdicts(pins));
  if (oursIngest && templateIngest) {
    const r = oursIngest.perSecond / templateIngest.perSecond;
    const stock = ingestOf("template-stock");
    verdicts.push(
      `ingest ≥ 5× the template path: ${r >= 5 ? "MET" : "MISSED"} — ${times(r)} on the same SQLite settings${r < 5 ? ` (${fmt(5 / r, 1)}× short)` : ""}` +
        (stock ? `; ${times(oursIngest.perSecond / stock.perSecond)} against the template on stock SQLite` : ""),
    );
    verdicts.push(`ingest ≥ 5,000 webhooks/s on SQLite: ${oursIngest.perSecond >= 5000 ? "MET" : "MISSED"} — ${num(oursIngest.perSecond)}/s${oursIngest.perSecond < 5000 ? ` (${fmt(5000 / oursIngest.perSecond, 1)}× short)` : ""}`);
  }
  if (oursChat && nchanChat) {
    // An unbounded p99 (over 1% of deliveries missing) loses to any bounded one; ours unbounded never meets the goal.
    const r = oursChat.p99 === Infinity ? Infinity : nchanChat.p99 === Infinity ? 0 : oursChat.p99 / nchanChat.p99;
    const figures = `${latencyMs(oursChat.p99)} ms vs ${latencyMs(nchanChat.p99)} ms${Number.isFinite(oursChat.p99) && Number.isFinite(nchanChat.p99) ? ` = ${times(r)}` : ""}`;
    verdicts.push(
      oursChat.clients === CHAT.viewers
        ? `chat fan-out p99 at ${num(CHAT.viewers)} viewers, ${CHAT.perSecond} messages/s, within 1.0× nchan's: ${r <= 1 ? "MET" : "MISSED"} — ${figures}` +
          (nchanChat.accepted < nchanChat.posted ? ` (nchan answered ${num(nchanChat.accepted)} of ${num(nchanChat.posted)} publishes in time)` : "")
        : `chat fan-out p99 within 1.0× nchan's: not judged here — the target is at ${num(CHAT.viewers)} viewers, this run measured ${num(oursChat.clients)} (${figures})`,
    );
    if (nchanWindows) verdicts.push(`  beside nchan given the app's 250 ms windows (context, not the goal): ${latencyMs(oursChat.p99)} ms vs ${latencyMs(nchanWindows.p99)} ms`);
  }
  if (storm) verdicts.push(...stormVerdicts(storm));
  verdicts.push(...productionVerdicts(production));
  if (oursBeacons) {
    // Issue 14: 10,000 viewers beating every 15 s send about 700 events a second.
    verdicts.push(`beacon ingest ≥ 700 events/s (10,000 viewers, 15 s heartbeat): ${oursBeacons.eventsPerSecond >= 700 ? "MET" : "MISSED"} — ${num(oursBeacons.eventsPerSecond)}/s, ${fmt(oursBeacons.cpuMsPer1000)} ms of CPU per 1,000 events`);
  }
  for (const result of lighthouse.filter((row) => row !== without)) {
    if (!without) break;
    const cost = without.score - result.score;
    verdicts.push(`Lighthouse, ${result.setup}: costs ${fmt(cost, 0)} points — ${cost <= 10 ? "within" : "OVER"} Shopify's 10-point limit${cost <= 1 ? ", and at the aim of nearly zero" : ""}`);
  }

  for (const result of admin.filter((row) => row.setup !== FLOOR)) {
    const floor = floorOf(result.cache);
    if (!floor) continue;
    const r = result.median.usable / floor.median.usable;
    const met = r <= 1.5 && result.median.usable < 1000;
    verdicts.push(
      `admin ${result.setup}, ${result.cache} cache, usable within 1.5× of the floor and under 1 s: ${met ? "MET" : "MISSED"} — ${fmt(result.median.usable, 0)} ms vs ${fmt(floor.median.usable, 0)} ms = ${times(r)}`,
    );
  }

  const elapsed = (Date.now() - started) / 1000;
  const loadEnd = os.loadavg().map((value) => value.toFixed(2)).join(" ");
  const summary = [
    "",
    table(rows),
    "",
    ...verdicts,
    "",
    `Medians: ${Object.entries(MEDIANS_OVER)
      .filter(([section]) => options.sections.includes(section as Section))
      .map(([, over]) => over(options.quick))
      .join("; ")}.`,
    `Run took ${fmt(elapsed / 60, 1)} min; load average at start ${facts.loadStart}, at end ${loadEnd} (other work on this machine inflates and spreads every figure).`,
  ];
  for (const line of summary) log(line);
  for (const profile of profiles) log(`\n${profile}`);

  if (options.full) {
    const results = [
      "# Benchmark results",
      "",
      `The last full \`npm run bench\` (tests/bench/run.ts), ${facts.date}.`,
      "",
      `Machine: ${facts.cores} cores (${facts.cpu}), ${facts.memory} RAM, Node ${facts.node}, ${facts.kernel}; somaxconn ${facts.somaxconn}, open files per process ${facts.nofile}.`,
      `Load average at start ${facts.loadStart}, at end ${loadEnd}.`,
      ...summary,
      "",
      "## Notes",
      "",
      ...NOTES,
      "",
      "## Full output",
      "",
      "```",
      ...lines,
      "```",
      "",
    ].join("\n");
    writeFileSync(path.join(import.meta.dirname, "RESULTS.md"), results);
    console.log(`\nwrote tests/bench/RESULTS.md`);
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
