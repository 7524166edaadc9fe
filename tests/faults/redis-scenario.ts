// Redis restarted during a live show. Two app instances share a private Redis (private-redis.ts);
// viewers follow the show on both; a stock storm lands on both instances (inventory_levels/update,
// as Shopify sends it) while Redis is killed and started again, and viewers drop their
// connections now and then and come back with Last-Event-ID, as EventSource does.
//
// What must hold for every viewer: event ids only ever increase (nothing twice, nothing out of
// order); each event's id is the one after the previous, unless a snapshot came in between (the
// design's answer when the ring cannot cover a gap); and in the end the viewer's stock is the truth.
import { startAppServer, type AppServer } from "../support/app-server";
import type { FaultDatabase } from "./fault-database";
import { levelWebhookUrl, planLevelStorm, seedStormShop, stormCopies, variantTotals, type StormShape } from "./level-storm";
import type { PrivateRedis } from "./private-redis";
import { ShopifySender, SHOPIFY_LIKE_POLICY } from "./shopify-sender";
import { ReconnectingViewer, type ViewerMessage } from "./sse-viewer";
import type { Figures, ScenarioReport } from "./storm-scenario";

export interface RedisScenario {
  name: string;
  database: FaultDatabase;
  redis: PrivateRedis;
  shape: StormShape;
  viewersPerInstance: number;
  /**
   * Outages as shares of deliveries acknowledged: Redis is killed at `down`, and started at `up`
   * but not before it has been down `minDownMs` (a long outage is also one where ioredis waits
   * seconds between reconnection attempts).
   */
  outages: Array<{ down: number; up: number; minDownMs: number }>;
  /** How long viewers get, after the last delivery, to reach the show's last event. */
  settleMs: number;
  log?: (line: string) => void;
}

/** What a viewer reads of the stream's events: a variant's stock, alone or in a snapshot. */
interface StockEntry {
  variantId: string;
  available: number | null;
}

// EventSource waits the server's retry: before reconnecting; the apps here say 100 ms.
const RETRY_MS = 100;

export async function runRedisScenario(scenario: RedisScenario): Promise<ScenarioReport> {
  const log = scenario.log ?? (() => {});
  const { db } = scenario.database;
  const plan = planLevelStorm(scenario.shape);
  const { showId } = await seedStormShop(db, plan);
  const fixture = { shop: plan.shop.domain, showId };
  const firstSeq = (await db.show.findUniqueOrThrow({ where: { id: showId }, select: { lastEventSeq: true } })).lastEventSeq;

  const env = {
    DATABASE_URL: scenario.database.url,
    ...scenario.database.appEnv,
    REDIS_URL: scenario.redis.url,
    REALTIME_RETRY_MS: String(RETRY_MS),
    // Stock changes of one variant closer together than this are merged; kept short so the storm makes many events.
    STOCK_COALESCE_MS: "20",
  };
  const apps: AppServer[] = [];
  const viewers: ReconnectingViewer[] = [];
  const sender = new ShopifySender({ ...SHOPIFY_LIKE_POLICY, concurrency: 4 });
  try {
    apps.push(...(await Promise.all([startAppServer(env), startAppServer(env)])));
    for (const [index, app] of apps.entries()) {
      for (let n = 0; n < scenario.viewersPerInstance; n++) viewers.push(new ReconnectingViewer(`${app.url}/realtime/shows/${showId}?shop=${fixture.shop}`, RETRY_MS, `viewer ${n + 1} of instance ${index + 1}`));
    }
    await Promise.all(viewers.map((viewer) => viewer.start()));
    await Promise.all(viewers.map((viewer) => viewer.until(() => viewer.messages.length > 0, 10_000)));

    // Shopify's deliveries land on either instance, as behind a load balancer.
    const urls = apps.map((app) => levelWebhookUrl(app.url));
    const copies = stormCopies(plan, apps[0]?.url as string, scenario.shape).map((copy, index) => ({ ...copy, url: urls[index % urls.length] as string }));
    const steps = scenario.outages.flatMap(({ down, up, minDownMs }) => [
      { at: Math.floor(down * copies.length), action: "down" as const, minDownMs },
      { at: Math.floor(up * copies.length), action: "up" as const, minDownMs },
    ]);
    const outages: number[] = [];
    let downSince = 0;
    let injecting: Promise<void> = Promise.resolve();
    let faultError: unknown;
    const half = (parity: number) => viewers.filter((_, index) => index % 2 === parity);
    const stopWatching = sender.onProgress((acknowledged) => {
      while (steps.length && acknowledged >= (steps[0] as (typeof steps)[number]).at) {
        const step = steps.shift() as (typeof steps)[number];
        injecting = injecting
          .then(async () => {
            if (step.action === "down") {
              await scenario.redis.kill();
              downSince = Date.now();
              // Half the viewers lose their connection while Redis is down, the other half once it is back.
              for (const viewer of half(0)) viewer.drop();
              log(`${scenario.name}: killed Redis at ${acknowledged} of ${copies.length} deliveries acknowledged`);
            } else {
              // The outage's length is the fault itself, not a wait for something to happen.
              const left = step.minDownMs - (Date.now() - downSince);
              if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
              await scenario.redis.start();
              outages.push(Date.now() - downSince);
              for (const viewer of half(1)) viewer.drop();
              log(`${scenario.name}: started Redis again at ${acknowledged} of ${copies.length} deliveries acknowledged`);
            }
          })
          .catch((error: unknown) => {
            faultError ??= error;
          });
      }
    });

    const started = Date.now();
    await sender.send(copies);
    const sent = Date.now();
    await injecting;
    stopWatching();
    if (faultError) throw faultError;

    const truth = variantTotals(plan);
    // The last coalesced stock events go out after the last delivery's answer: wait until every
    // viewer holds the show's last event and the truth, or the time is up.
    const deadline = Date.now() + scenario.settleMs;
    let lastSeq = firstSeq;
    for (;;) {
      lastSeq = (await db.show.findUniqueOrThrow({ where: { id: showId }, select: { lastEventSeq: true } })).lastEventSeq;
      const behind = viewers.filter((viewer) => !caughtUp(viewer.messages, lastSeq, truth));
      if (!behind.length || Date.now() > deadline) break;
      await Promise.race(behind.map((viewer) => viewer.until(() => caughtUp(viewer.messages, lastSeq, truth), Math.max(0, Math.min(250, deadline - Date.now())))));
    }

    const violations: string[] = [];
    const stored = await db.variantStock.findMany({ where: { shop: fixture.shop }, select: { variantId: true, available: true } });
    const storedWrong = stored.filter((row) => truth.get(row.variantId) !== row.available);
    if (storedWrong.length) violations.push(`${storedWrong.length} variants stored differ from the truth`);
    // Stock is stored before it is published: an outage of the bus must not hold Shopify's deliveries.
    if (sender.figures.timeouts) violations.push(`${sender.figures.timeouts} deliveries went unanswered past Shopify's ${SHOPIFY_LIKE_POLICY.timeoutMs / 1000} s timeout while Redis was down`);
    if (sender.figures.gaveUp) violations.push(`${sender.figures.gaveUp} deliveries used up every attempt`);
    let missed = 0;
    let disordered = 0;
    let snapshots = 0;
    let reconnects = 0;
    for (const viewer of viewers) {
      const found = checkViewer(viewer.messages, lastSeq, truth);
      missed += found.missed;
      disordered += found.disordered;
      snapshots += found.snapshots;
      reconnects += viewer.connections - 1;
      for (const problem of found.problems) violations.push(`${viewer.name}: ${problem}`);
    }
    const seconds = (sent - started) / 1000;
    const figures: Figures = {
      "app instances": apps.length,
      viewers: viewers.length,
      events: plan.events.length,
      "deliveries (copies)": sender.figures.copies,
      attempts: sender.figures.attempts,
      "answered 5xx": sender.figures.serverErrors,
      timeouts: sender.figures.timeouts,
      "slowest answer ms": sender.figures.slowestAnswerMs,
      "gave up": sender.figures.gaveUp,
      "Redis kills (SIGKILL) and restarts": outages.length,
      "Redis down ms": outages.join(", ") || "-",
      "show events numbered": lastSeq - firstSeq,
      "viewer reconnects (Last-Event-ID)": reconnects,
      "snapshots after the first (gap not in the ring)": snapshots - viewers.length,
      "events missed by viewers": missed,
      "events out of order or repeated": disordered,
      "duration s": Number(seconds.toFixed(1)),
      "deliveries/s": Math.round(sender.figures.copies / seconds),
    };
    return { name: scenario.name, figures, violations, logs: apps.map((app, index) => `--- instance ${index + 1}\n${app.logs()}`).join("\n") };
  } finally {
    await Promise.all(viewers.map((viewer) => viewer.close()));
    await Promise.all(apps.map((app) => app.close()));
    await sender.close();
  }
}

/** The viewer's stock after applying what it received: snapshots replace it, stock events set one variant. */
function viewerStock(messages: readonly ViewerMessage[]): Map<string, number | null> {
  const stock = new Map<string, number | null>();
  for (const message of messages) {
    if (message.event === "snapshot") {
      stock.clear();
      for (const entry of (JSON.parse(message.data) as { stock: StockEntry[] }).stock) stock.set(entry.variantId, entry.available);
    } else if (message.event === "stock") {
      const entry = JSON.parse(message.data) as StockEntry;
      stock.set(entry.variantId, entry.available);
    }
  }
  return stock;
}

function sameStock(stock: ReadonlyMap<string, number | null>, truth: ReadonlyMap<string, number>): boolean {
  return [...truth].every(([variantId, available]) => stock.get(variantId) === available);
}

function caughtUp(messages: readonly ViewerMessage[], lastSeq: number, truth: ReadonlyMap<string, number>): boolean {
  const last = messages.at(-1);
  return last !== undefined && Number(last.id) >= lastSeq && sameStock(viewerStock(messages), truth);
}

function checkViewer(messages: readonly ViewerMessage[], lastSeq: number, truth: ReadonlyMap<string, number>) {
  const problems: string[] = [];
  let missed = 0;
  let disordered = 0;
  let snapshots = 0;
  const examples: string[] = [];
  if (messages[0]?.event !== "snapshot") problems.push(`the first message is ${messages[0]?.event ?? "missing"}, not a snapshot`);
  let previous: ViewerMessage | undefined;
  for (const message of messages) {
    if (message.event === "snapshot") snapshots++;
    const id = Number(message.id);
    if (previous) {
      const before = Number(previous.id);
      if (id <= before) {
        disordered++;
        if (examples.length < 5) examples.push(`${message.event} ${id} after ${before} (connection ${message.connection})`);
      } else if (message.event !== "snapshot" && id !== before + 1) {
        missed += id - before - 1;
        if (examples.length < 5) examples.push(`${message.event} ${id} after ${before}: ${id - before - 1} missed (connection ${message.connection})`);
      }
    }
    if (!previous || id > Number(previous.id)) previous = message;
  }
  if (missed) problems.push(`missed ${missed} events with no snapshot in their place`);
  if (disordered) problems.push(`${disordered} events repeated or out of order`);
  if (examples.length) problems.push(`e.g. ${examples.join("; ")}`);
  const last = Number(messages.at(-1)?.id ?? -1);
  if (last < lastSeq) problems.push(`stopped at event ${last}, the show is at ${lastSeq}`);
  const stock = viewerStock(messages);
  const wrong = [...truth].filter(([variantId, available]) => stock.get(variantId) !== available);
  if (wrong.length) problems.push(`ends with the wrong stock for ${wrong.length} of ${truth.size} variants, e.g. ${wrong.slice(0, 3).map(([variantId, available]) => `${variantId}: ${stock.get(variantId)} (truth ${available})`).join(", ")}`);
  return { missed, disordered, snapshots, problems };
}
