// The chat benchmark's load generator: a child process that holds N Server-Sent Events streams
// (lib/sse-streams.ts, as the fan-out's generator does), posts numbered messages at a steady rate,
// and times each message from just before its post to its arrival at each viewer. Messages carry
// their number in their text (MARKER + digits), so a viewer finds them in whatever frame, batch or
// chunk they arrive in. Latencies go into a 0.1 ms histogram: 10,000 viewers × 1,200 messages are
// too many samples to keep and sort.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import type { ChatMessageView } from "../../../app/chat/chat-event";
import { signProxyQuery } from "../../sandbox/shopify/app-proxy";
import { answerCommands } from "../lib/generator-child";
import { SseStreams } from "../lib/sse-streams";
import { MARKER, MARKER_DIGITS, type ChatCommand, type ChatReply, type PostPlan, type RunCommand } from "./protocol";

const MARKER_BYTES = Buffer.from(MARKER);
const MARKED = MARKER.length + MARKER_DIGITS;
const BUCKETS_PER_MS = 10;
const HISTOGRAM_MS = 60_000;

/** The last MARKED − 1 bytes of a stream's previous chunk: a marker split across two chunks. */
let tails: Array<Buffer | undefined> = [];

/** While messages are being timed. */
let timing: {
  sentAt: Float64Array;
  /** Messages numbered below this are warm-ups: delivered, not measured. */
  firstMeasured: number;
  histogram: Uint32Array;
  deliveries: number;
  max: number;
} | null = null;

const reply = (message: ChatReply) => process.send?.(message);

function record(sequence: number, now: number) {
  if (!timing || sequence < timing.firstMeasured || sequence >= timing.sentAt.length) return;
  const sent = timing.sentAt[sequence] as number;
  if (Number.isNaN(sent)) return;
  const latency = now - sent;
  timing.histogram[Math.min(timing.histogram.length - 1, Math.max(0, Math.floor(latency * BUCKETS_PER_MS)))]! += 1;
  timing.deliveries += 1;
  if (latency > timing.max) timing.max = latency;
}

function markersIn(buffer: Buffer, from: number, now: number) {
  for (let at = buffer.indexOf(MARKER_BYTES, from); at >= 0 && at + MARKED <= buffer.length; at = buffer.indexOf(MARKER_BYTES, at + MARKED)) {
    record(Number(buffer.toString("latin1", at + MARKER.length, at + MARKED)), now);
  }
}

function readMessages(index: number, chunk: Buffer) {
  const now = performance.now();
  const tail = tails[index];
  // Only a marker that starts in the tail is looked for in the joined bytes; the chunk's own are found below.
  if (tail) {
    const joined = Buffer.concat([tail, chunk.subarray(0, MARKED - 1)]);
    const at = joined.indexOf(MARKER_BYTES);
    if (at >= 0 && at < tail.length) markersIn(joined, at, now);
  }
  markersIn(chunk, 0, now);
  tails[index] = chunk.length >= MARKED - 1 ? chunk.subarray(chunk.length - (MARKED - 1)) : Buffer.concat([tail ?? Buffer.alloc(0), chunk]).subarray(-(MARKED - 1));
}

const streams = new SseStreams({ onData: readMessages });

// Remarks, not questions: a question may wake the assistant (assistant.server.ts), whose work is not the fan-out's.
const FILLER = ["love this colour", "ordered two!", "great show 🎉", "hello from Malmö", "that looks so warm", "my sister has one"];
const textOf = (sequence: number) => `${MARKER}${String(sequence).padStart(MARKER_DIGITS, "0")} ${FILLER[sequence % FILLER.length]}`;

/** A message as the app sends it to viewers (chat-event.ts), for nchan to carry the same bytes. */
function messageView(sequence: number, startedAt: number): ChatMessageView {
  return {
    id: `cbench${String(sequence).padStart(19, "0")}`,
    kind: "viewer",
    author: `Viewer ${sequence % 200}`,
    body: textOf(sequence),
    question: false,
    replyTo: null,
    at: new Date().toISOString(),
    offsetMs: Math.round(performance.now() - startedAt),
  };
}

interface Post {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends messages as the plan says; `send` gets each message's number and calls `post` when a request goes out. */
function poster(plan: PostPlan, post: (sequences: number[], request: Post) => void, startedAt: number) {
  if (plan.kind === "app") {
    // Viewer i posts message i, i + tokens.length, …: with 200 tokens at 20 messages/s each viewer
    // posts every 10 s (the limit is one per 2 s, five at once), each address (X-Forwarded-For, as
    // Shopify's proxy sets it) far under its 4 per second.
    return (sequence: number) => {
      const query = signProxyQuery(new URLSearchParams(), { shop: plan.shop, customerId: "", pathPrefix: "/apps/live", secret: plan.secret });
      const token = plan.tokens[sequence % plan.tokens.length] as string;
      const address = `10.77.${Math.floor((sequence % plan.addresses) / 250)}.${1 + ((sequence % plan.addresses) % 250)}`;
      post([sequence], {
        path: `${plan.path}?${query}`,
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ token, body: textOf(sequence), nickname: `Viewer ${sequence % plan.tokens.length}` }),
      });
    };
  }
  const publish = (sequences: number[]) =>
    post(sequences, { path: plan.path, headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: sequences.map((sequence) => messageView(sequence, startedAt)) }) });
  if (plan.windowMs === 0) return (sequence: number) => publish([sequence]);
  // The app's windows (chat-batcher.ts): the first message opens one, everything until it closes is one publish.
  let window: number[] | null = null;
  return (sequence: number) => {
    if (window) return void window.push(sequence);
    window = [sequence];
    setTimeout(() => {
      const sequences = window ?? [];
      window = null;
      publish(sequences);
    }, plan.windowMs);
  };
}

/**
 * A percentile over `pairs` (message, viewer) pairs of which the histogram holds those delivered:
 * a message that never arrived (refused, lost, or still queued when the drain ended) counts as
 * slower than any that did, so an overloaded server cannot look fast by delivering less.
 */
function percentileOf(histogram: Uint32Array, pairs: number, p: number): number {
  if (!pairs) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * pairs));
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    seen += histogram[bucket] as number;
    if (seen >= rank) return (bucket + 1) / BUCKETS_PER_MS;
  }
  return Number.POSITIVE_INFINITY;
}

function sortedPercentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] as number;
}

async function run(command: RunCommand): Promise<void> {
  const { plan, perSecond, warmupSeconds, seconds, drainMs } = command;
  const warmups = Math.round(perSecond * warmupSeconds);
  const total = warmups + Math.round(perSecond * seconds);
  timing = { sentAt: new Float64Array(total).fill(Number.NaN), firstMeasured: warmups, histogram: new Uint32Array(HISTOGRAM_MS * BUCKETS_PER_MS), deliveries: 0, max: 0 };
  const sentAt = timing.sentAt;
  // A free connection is closed after 4 s idle, before Node's server drops it (keepAliveTimeout, 5 s):
  // reusing one just as the server closes it fails the post with ECONNRESET, the client's doing.
  const agent = new Agent({ keepAlive: true, maxSockets: 32, timeout: 4_000 });
  const refused: Record<string, number> = {};
  const postMs: number[] = [];
  let accepted = 0;
  // Every message, warm-ups too, once its post (or its window's publish) has been answered.
  let answeredMessages = 0;
  let allAnswered: () => void = () => {};
  const answeredAll = new Promise<void>((resolve) => (allAnswered = resolve));

  const send = (sequences: number[], outgoing: Post) => {
    const t0 = performance.now();
    for (const sequence of sequences) sentAt[sequence] = t0;
    const measured = sequences.filter((sequence) => sequence >= warmups).length;
    const done = (status: string) => {
      if (status === "201" || status === "202") {
        accepted += measured;
        if (measured) postMs.push(performance.now() - t0);
      } else if (measured) refused[status] = (refused[status] ?? 0) + measured;
      answeredMessages += sequences.length;
      if (answeredMessages === total) allAnswered();
    };
    const body = Buffer.from(outgoing.body);
    const outgoingRequest = request(
      { host: "127.0.0.1", port: plan.port, method: "POST", path: outgoing.path, agent, headers: { ...outgoing.headers, "content-length": body.length } },
      (response) => {
        response.resume();
        response.on("end", () => done(String(response.statusCode)));
      },
    );
    outgoingRequest.on("error", (error: NodeJS.ErrnoException) => done(`error ${error.code ?? error.message}`));
    outgoingRequest.end(body);
  };

  const started = performance.now();
  const postOne = poster(plan, send, started);
  const gapMs = 1000 / perSecond;
  let firstMeasuredAt = Number.NaN;
  let lastSentAt = Number.NaN;
  await new Promise<void>((resolve) => {
    let sequence = 0;
    const tick = () => {
      // Every message due by now goes out now: a late timer delays messages, never drops them.
      while (sequence < total && performance.now() >= started + sequence * gapMs) {
        if (sequence === warmups) firstMeasuredAt = performance.now();
        postOne(sequence++);
      }
      lastSentAt = performance.now();
      if (sequence >= total) return resolve();
      setTimeout(tick, Math.max(0, started + sequence * gapMs - performance.now()));
    };
    tick();
  });
  // The last posts' answers (and nchan's last window) come after the last message is sent.
  const drainUntil = performance.now() + drainMs;
  await Promise.race([answeredAll, new Promise((resolve) => setTimeout(resolve, drainMs))]);
  const expected = () => accepted * streams.open;
  // Deliveries arrive on thousands of sockets; counting them against the target every 20 ms costs
  // nothing measurable and keeps the hot data handler free of completion checks.
  await new Promise<void>((resolve) => {
    const check = () => (timing!.deliveries >= expected() || performance.now() > drainUntil ? resolve() : setTimeout(check, 20));
    check();
  });
  const { histogram, deliveries, max } = timing;
  timing = null;
  agent.destroy();
  const measuredCount = total - warmups;
  const pairs = Math.max(deliveries, measuredCount * streams.open);
  reply({
    type: "ran",
    posted: measuredCount,
    accepted,
    refused,
    postingSeconds: (lastSentAt - firstMeasuredAt) / 1000,
    p50: percentileOf(histogram, pairs, 50),
    p99: percentileOf(histogram, pairs, 99),
    max,
    deliveries,
    missing: pairs - deliveries,
    open: streams.open,
    postP50: sortedPercentile(postMs, 50),
    postP99: sortedPercentile(postMs, 99),
  });
}

answerCommands<ChatCommand>(async (command) => {
  if (command.type === "connect") {
    tails = new Array<Buffer | undefined>(command.count);
    reply(await streams.connect(command));
  } else if (command.type === "run") await run(command);
}, () => streams.destroy());
