// The load generators' viewers: N Server-Sent Events streams on loopback held as raw sockets (an
// HTTP client per stream would cost more than the server it measures). Opening them is bounded by
// count, connects in flight and a timeout; once a stream has shown its ready marker, every chunk it
// carries goes to the benchmark's own reader (fanout's publish marker, chat's numbered messages).
import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { ConnectCommand, ConnectedReply } from "../fanout/protocol";

const EMPTY = Buffer.alloc(0);

/** Per stream: 0 connecting, 1 ready, 2 failed. */
const CONNECTING = 0;
const READY = 1;
const FAILED = 2;

function clientAddress(index: number, perAddress: number): string {
  const slot = Math.floor(index / perAddress);
  return `127.0.${1 + Math.floor(slot / 250)}.${1 + (slot % 250)}`;
}

/**
 * Whether `needle` occurs in a stream, including across the previous chunk's end: `tails` keeps,
 * per stream, the last needle.length − 1 bytes of what it has seen.
 */
export function seenInStream(tails: Array<Buffer | undefined>, index: number, chunk: Buffer, needle: Buffer): boolean {
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

export interface StreamReader {
  /** A chunk on stream `index` after its ready marker. */
  onData(index: number, chunk: Buffer): void;
  /** A ready stream closed (`open` already counts it out). */
  onReadyClose?(index: number): void;
}

export class SseStreams {
  private sockets: Socket[] = [];
  private state = new Uint8Array(0);
  /** Streams that became ready and are still open. */
  open = 0;

  constructor(private readonly reader: StreamReader) {}

  /** Streams that became ready, open or closed since. */
  readyCount(): number {
    return this.state.reduce((sum, state) => sum + (state === READY ? 1 : 0), 0);
  }

  destroy() {
    for (const socket of this.sockets) socket?.destroy();
  }

  connect(command: ConnectCommand): Promise<ConnectedReply> {
    const { count, port, path, headers, inFlight, perAddress, timeoutMs } = command;
    const readyMarker = Buffer.from(command.readyMarker);
    const sockets = (this.sockets = new Array<Socket>(count));
    const state = (this.state = new Uint8Array(count));
    const answered = new Uint8Array(count);
    const tails = new Array<Buffer | undefined>(count);
    this.open = 0;
    const extra = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    const ports = command.ports ?? [port];
    const requests = ports.map((each) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${each}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n${extra}\r\n`));
    const started = performance.now();
    const errors: string[] = [];
    let next = 0;
    let pending = 0;
    let connected = 0;
    let failed = 0;

    return new Promise<ConnectedReply>((resolve) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        resolve({ type: "connected", connected, failed, errors: errors.slice(0, 5), elapsedMs: performance.now() - started });
      };
      const timer = setTimeout(() => {
        failed += count - connected - failed;
        errors.push(`connect phase timed out after ${timeoutMs} ms`);
        finish();
      }, timeoutMs);

      const settle = (index: number, error?: string) => {
        if (state[index] !== CONNECTING) return;
        state[index] = error ? FAILED : READY;
        pending--;
        if (error) {
          failed++;
          if (errors.length < 5) errors.push(error);
        } else {
          connected++;
          this.open++;
        }
        if (connected + failed === count) finish();
        else launch();
      };

      const launch = () => {
        while (!finished && pending < inFlight && next < count) {
          const index = next++;
          pending++;
          const server = index % ports.length;
          const socket = connect({ host: "127.0.0.1", port: ports[server] as number, localAddress: clientAddress(index, perAddress) });
          sockets[index] = socket;
          socket.setNoDelay(true);
          socket.on("connect", () => socket.write(requests[server] as Buffer));
          socket.on("data", (chunk: Buffer) => {
            if (state[index] === READY) return this.reader.onData(index, chunk);
            if (!answered[index]) {
              answered[index] = 1;
              if (!chunk.subarray(0, 12).toString("latin1").startsWith("HTTP/1.1 200")) {
                settle(index, `answered ${chunk.subarray(0, 300).toString("latin1").replace(/\s+/g, " ")}`);
                socket.destroy();
                return;
              }
            }
            // The ready marker (our snapshot; nchan's greeting) comes in the first chunks, before any message.
            if (seenInStream(tails, index, chunk, readyMarker)) settle(index);
          });
          socket.on("error", (error) => settle(index, `${(error as NodeJS.ErrnoException).code ?? error.message} (${clientAddress(index, perAddress)})`));
          socket.on("close", () => {
            if (state[index] === READY) {
              this.open--;
              this.reader.onReadyClose?.(index);
            }
            settle(index, "closed before the stream was ready");
          });
        }
      };
      launch();
    });
  }
}
