// The join storm's load generator, a process of its own (forked by storm.ts). A storm is open
// loop: each viewer arrives at a time drawn in advance, whatever the server is doing, and latency
// runs from that arrival (not from when a busy socket let the request out), so a server that
// falls behind is charged for the queue it builds. A saturation round is closed loop: a fixed
// number of requests in flight for a fixed time, which is what requests/s compares.
import { Agent, request } from "node:http";
import { sandboxShopify } from "../../sandbox/config";
import { signProxyQuery } from "../../sandbox/shopify/app-proxy";
import { seededRandom } from "../../support/seeded-random";
import { percentile } from "../lib/stats";

export interface StormTarget {
  port: number;
  shop: string;
  /** The app's path for the show's bootstrap: /proxy/shows/:id, or the uncached baseline's. */
  path: string;
}

export type StormCommand =
  | { kind: "storm"; target: StormTarget; viewers: number; seconds: number; repeatShare: number; seed: number }
  | { kind: "saturate"; target: StormTarget; inFlight: number; seconds: number; seed: number };

export interface StormRound {
  requests: number;
  /** First loads answered 200, repeat loads answered 304 or 200, anything else. */
  first200: number;
  repeat304: number;
  repeat200: number;
  failed: number;
  /** The failed requests by HTTP status (0: no answer). */
  failures: Record<number, number>;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  elapsedSeconds: number;
}

/** Where shoppers come from: the shop's own market (no country), and markets with their language. */
const MARKETS: Array<{ weight: number; query: Record<string, string> }> = [
  { weight: 40, query: {} },
  { weight: 20, query: { country: "SE", locale: "sv" } },
  { weight: 15, query: { country: "NO", locale: "nb" } },
  { weight: 15, query: { country: "DE", locale: "de" } },
  { weight: 10, query: { country: "US", locale: "en" } },
];

function marketOf(draw: number): Record<string, string> {
  let left = draw * 100;
  for (const market of MARKETS) {
    if ((left -= market.weight) < 0) return market.query;
  }
  return MARKETS[0]!.query;
}

/** A signed app-proxy request's path, signed now, as Shopify signs each request it forwards. */
function signedPath(target: StormTarget, market: Record<string, string>): string {
  const query = signProxyQuery(new URLSearchParams(market), { shop: target.shop, customerId: "", pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret });
  return `${target.path}?${query}`;
}

function get(agent: Agent, target: StormTarget, path: string, etag: string | null): Promise<{ status: number; etag: string | null }> {
  return new Promise((resolve) => {
    const outgoing = request({ agent, host: "127.0.0.1", port: target.port, method: "GET", path, headers: etag ? { "if-none-match": etag } : {} }, (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, etag: (incoming.headers.etag as string | undefined) ?? null }));
    });
    outgoing.on("error", () => resolve({ status: 0, etag: null }));
    outgoing.end();
  });
}

type Counts = Omit<StormRound, "p50" | "p99" | "max" | "perSecond" | "elapsedSeconds">;

const newCounts = (): Counts => ({ requests: 0, first200: 0, repeat304: 0, repeat200: 0, failed: 0, failures: {} });

function fail(counts: Counts, status: number) {
  counts.failed += 1;
  counts.failures[status] = (counts.failures[status] ?? 0) + 1;
}

function summary(latencies: number[], counts: Counts, elapsedSeconds: number): StormRound {
  const sorted = Float64Array.from(latencies).sort();
  return {
    ...counts,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    perSecond: counts.requests / elapsedSeconds,
    elapsedSeconds,
  };
}

/**
 * `viewers` arrive uniformly over `seconds`; a `repeatShare` of them load again (another page of
 * the shop) 1 to 3 s after their first answer, with the ETag they were given.
 */
async function storm(command: Extract<StormCommand, { kind: "storm" }>): Promise<StormRound> {
  const random = seededRandom(command.seed);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const counts = newCounts();
  const started = performance.now();
  const load = async (arrival: number, market: Record<string, string>, etag: string | null) => {
    const wait = started + arrival - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const answer = await get(agent, command.target, signedPath(command.target, market), etag);
    latencies.push(performance.now() - (started + arrival));
    counts.requests += 1;
    return answer;
  };
  const viewer = async () => {
    const arrival = random() * command.seconds * 1000;
    const market = marketOf(random());
    const repeatAfter = random() < command.repeatShare ? 1000 + random() * 2000 : null;
    const first = await load(arrival, market, null);
    if (first.status === 200) counts.first200 += 1;
    else fail(counts, first.status);
    if (repeatAfter === null || first.status !== 200) return;
    const again = await load(performance.now() - started + repeatAfter, market, first.etag);
    if (again.status === 304) counts.repeat304 += 1;
    else if (again.status === 200) counts.repeat200 += 1;
    else fail(counts, again.status);
  };
  await Promise.all(Array.from({ length: command.viewers }, viewer));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return summary(latencies, counts, elapsed);
}

/** First loads from new viewers, `inFlight` at a time, for `seconds`. */
async function saturate(command: Extract<StormCommand, { kind: "saturate" }>): Promise<StormRound> {
  const random = seededRandom(command.seed);
  const agent = new Agent({ keepAlive: true, maxSockets: command.inFlight });
  const latencies: number[] = [];
  const counts = newCounts();
  const started = performance.now();
  const deadline = started + command.seconds * 1000;
  const lane = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      const answer = await get(agent, command.target, signedPath(command.target, marketOf(random())), null);
      latencies.push(performance.now() - sent);
      counts.requests += 1;
      if (answer.status === 200) counts.first200 += 1;
      else fail(counts, answer.status);
    }
  };
  await Promise.all(Array.from({ length: command.inFlight }, lane));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return summary(latencies, counts, elapsed);
}

process.on("message", (command: StormCommand) => {
  void (command.kind === "storm" ? storm(command) : saturate(command)).then((round) => process.send?.(round));
});
