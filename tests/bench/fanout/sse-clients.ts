// The fan-out load generator: a child process holding N Server-Sent Events streams on loopback,
// as raw sockets (an HTTP client per stream would cost more than the server it measures). On
// "fire" it sends the trigger (a signed webhook, or a publish to nchan) and times, per client,
// the arrival of the chunk that carries the publish's marker, from just before the trigger.
// Everything here is bounded: connects by count and timeout, each publish by a timeout.
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import type { Command, FireCommand, Reply } from "./protocol";
import { answerCommands } from "../lib/generator-child";
import { SseStreams, seenInStream } from "../lib/sse-streams";
import { summarize } from "../lib/stats";

/** Per stream: the last bytes of its previous chunk, for a publish marker split across two chunks. */
let tails: Array<Buffer | undefined> = [];
let receivedAt: Float64Array = new Float64Array(0);

/** While a publish is being timed: its marker and what to do when the last client has it. */
let armed: { marker: Buffer; received: number; done: () => void } | null = null;

function reply(message: Reply) {
  process.send?.(message);
}

const streams = new SseStreams({
  onData(index, chunk) {
    const publish = armed;
    if (!publish || !Number.isNaN(receivedAt[index])) return;
    if (seenInStream(tails, index, chunk, publish.marker)) {
      receivedAt[index] = performance.now();
      if (++publish.received >= streams.open) publish.done();
    }
  },
  onReadyClose() {
    if (armed && armed.received >= streams.open) armed.done();
  },
});

function fire(command: FireCommand): Promise<void> {
  receivedAt.fill(Number.NaN);
  for (let index = 0; index < tails.length; index++) tails[index] = undefined;
  return new Promise<void>((resolve) => {
    let status = 0;
    let triggerMs = Number.NaN;
    let responded = false;
    let allIn = false;
    let settled = false;
    let t0 = 0;
    const settle = () => {
      if (settled || !responded || !allIn) return;
      settled = true;
      clearTimeout(timer);
      armed = null;
      const latencies: number[] = [];
      for (let index = 0; index < receivedAt.length; index++) {
        const at = receivedAt[index] as number;
        if (!Number.isNaN(at)) latencies.push(at - t0);
      }
      const summary = summarize(latencies);
      const expected = streams.readyCount();
      reply({ type: "fired", status, triggerMs, received: summary.count, missing: expected - summary.count, open: streams.open, p50: summary.p50, p99: summary.p99, max: summary.max });
      resolve();
    };
    const timer = setTimeout(() => {
      allIn = true;
      responded = true;
      settle();
    }, command.timeoutMs);
    armed = {
      marker: Buffer.from(command.marker),
      received: 0,
      done: () => {
        allIn = true;
        settle();
      },
    };
    const { trigger } = command;
    t0 = performance.now();
    const outgoing = request(
      { host: "127.0.0.1", port: trigger.port, method: trigger.method, path: trigger.path, agent: false, headers: { ...trigger.headers, "content-length": Buffer.byteLength(trigger.body) } },
      (response) => {
        status = response.statusCode ?? 0;
        response.resume();
        response.on("end", () => {
          triggerMs = performance.now() - t0;
          responded = true;
          settle();
        });
      },
    );
    outgoing.on("error", (error) => {
      status = -1;
      responded = true;
      reply({ type: "error", message: `trigger failed: ${error.message}` });
      settle();
    });
    outgoing.end(trigger.body);
  });
}

answerCommands<Command>(async (command) => {
  if (command.type === "connect") {
    tails = new Array<Buffer | undefined>(command.count);
    receivedAt = new Float64Array(command.count).fill(Number.NaN);
    reply(await streams.connect(command));
  } else if (command.type === "fire") await fire(command);
}, () => streams.destroy());
