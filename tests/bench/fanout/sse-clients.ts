// The fan-out load generator: a child process holding N Server-Sent Events streams on loopback,
// as raw sockets (an HTTP client per stream would cost more than the server it measures). On
// "fire" it sends the trigger (a signed webhook, or a publish to nchan) and times, per client,
// the arrival of the chunk that carries the publish's marker, from just before the trigger.
// Everything here is bounded: connects by count and timeout, each publish by a timeout.
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { Command, ConnectCommand, FireCommand, Reply } from "./protocol";
import { summarize } from "../lib/stats";

const EMPTY = Buffer.alloc(0);

let sockets: Socket[] = [];
let ready: Uint8Array = new Uint8Array(0);
let tails: Array<Buffer | undefined> = [];
let answered: Uint8Array = new Uint8Array(0);
let receivedAt: Float64Array = new Float64Array(0);
/** Streams that became ready and are still open. */
let liveReady = 0;

/** While a publish is being timed: its marker and what to do when the last client has it. */
let armed: { marker: Buffer; received: number; done: () => void } | null = null;

function reply(message: Reply) {
  process.send?.(message);
}

/** Whether needle occurs in this client's stream, including across the previous chunk's end. */
function seen(index: number, chunk: Buffer, needle: Buffer): boolean {
  if (chunk.indexOf(needle) >= 0) {
    tails[index] = undefined;
    return true;
  }
  const keep = needle.length - 1;
  const tail = tails[index];
  if (tail && Buffer.concat([tail, chunk.subarray(0, keep)]).indexOf(needle) >= 0) {
    tails[index] = undefined;
    return true;
  }
  tails[index] = chunk.length >= keep ? chunk.subarray(chunk.length - keep) : Buffer.concat([tail ?? EMPTY, chunk]).subarray(-keep);
  return false;
}

function clientAddress(index: number, perAddress: number): string {
  const slot = Math.floor(index / perAddress);
  return `127.0.${1 + Math.floor(slot / 250)}.${1 + (slot % 250)}`;
}

function connectAll(command: ConnectCommand): Promise<void> {
  const { count, port, path, headers, inFlight, perAddress, timeoutMs } = command;
  const readyMarker = Buffer.from(command.readyMarker);
  sockets = new Array<Socket>(count);
  ready = new Uint8Array(count);
  answered = new Uint8Array(count);
  liveReady = 0;
  tails = new Array<Buffer | undefined>(count);
  receivedAt = new Float64Array(count).fill(Number.NaN);
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  const requestBytes = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n${extra}\r\n`);
  const started = performance.now();
  const errors: string[] = [];
  let next = 0;
  let pending = 0;
  let connected = 0;
  let failed = 0;

  return new Promise<void>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      reply({ type: "connected", connected, failed, errors: errors.slice(0, 5), elapsedMs: performance.now() - started });
      resolve();
    };
    const timer = setTimeout(() => {
      failed += count - connected - failed;
      errors.push(`connect phase timed out after ${timeoutMs} ms`);
      finish();
    }, timeoutMs);

    const settle = (index: number, error?: string) => {
      if (ready[index] !== 0) return;
      ready[index] = error ? 2 : 1;
      pending--;
      if (error) {
        failed++;
        if (errors.length < 5) errors.push(error);
      } else {
        connected++;
      }
      if (connected + failed === count) finish();
      else launch();
    };

    const launch = () => {
      while (!finished && pending < inFlight && next < count) {
        const index = next++;
        pending++;
        const socket = connect({ host: "127.0.0.1", port, localAddress: clientAddress(index, perAddress) });
        sockets[index] = socket;
        socket.setNoDelay(true);
        socket.on("connect", () => socket.write(requestBytes));
        socket.on("data", (chunk: Buffer) => {
          if (ready[index] === 0) {
            if (!answered[index]) {
              answered[index] = 1;
              if (!chunk.subarray(0, 12).toString("latin1").startsWith("HTTP/1.1 200")) {
                settle(index, `answered ${chunk.subarray(0, 300).toString("latin1").replace(/\s+/g, " ")}`);
                socket.destroy();
                return;
              }
            }
            if (!seen(index, chunk, readyMarker)) return;
            tails[index] = undefined;
            liveReady++;
            settle(index);
            return;
          }
          const publish = armed;
          if (!publish || !Number.isNaN(receivedAt[index])) return;
          if (seen(index, chunk, publish.marker)) {
            receivedAt[index] = performance.now();
            if (++publish.received >= liveReady) publish.done();
          }
        });
        socket.on("error", (error) => settle(index, `${(error as NodeJS.ErrnoException).code ?? error.message} (${clientAddress(index, perAddress)})`));
        socket.on("close", () => {
          if (ready[index] === 1) {
            liveReady--;
            if (armed && armed.received >= liveReady) armed.done();
          }
          settle(index, "closed before the stream was ready");
        });
      }
    };
    launch();
  });
}

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
      const expected = ready.reduce((sum, state) => sum + (state === 1 ? 1 : 0), 0);
      reply({ type: "fired", status, triggerMs, received: summary.count, missing: expected - summary.count, open: liveReady, p50: summary.p50, p99: summary.p99, max: summary.max });
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

let queue = Promise.resolve();
process.on("message", (message: Command) => {
  queue = queue.then(async () => {
    try {
      if (message.type === "connect") await connectAll(message);
      else if (message.type === "fire") await fire(message);
      else {
        for (const socket of sockets) socket?.destroy();
        process.exit(0);
      }
    } catch (error) {
      reply({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
});
process.on("disconnect", () => process.exit(0));
