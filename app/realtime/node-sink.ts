import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { SseFrame } from "./frame";
import type { SseSink } from "./sink";

/**
 * A stream written straight to the response's socket once the headers are out: each frame is
 * already encoded (and, for chunked responses, already framed as a chunk), so every viewer gets
 * the same Buffer with no per-connection copy. A viewer whose unsent backlog passes the bound
 * is dropped: it reconnects with Last-Event-ID, rather than making this process hold its queue.
 */
export class NodeSseSink implements SseSink {
  private readonly socket: Socket | null;
  private readonly chunked: boolean;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly response: ServerResponse,
    private readonly maxBacklogBytes: number,
  ) {
    if (!response.headersSent) throw new Error("NodeSseSink needs the response headers flushed first (response.flushHeaders())");
    this.socket = response.socket;
    this.chunked = response.chunkedEncoding;
    response.once("close", () => this.finish());
  }

  write(frame: SseFrame): boolean {
    const socket = this.socket;
    if (this.closed || !socket || socket.destroyed) {
      this.finish();
      return false;
    }
    const flushed = socket.write(this.chunked ? frame.chunked : frame.bytes);
    if (!flushed && socket.writableLength > this.maxBacklogBytes) {
      socket.destroy();
      this.finish();
      return false;
    }
    return true;
  }

  close() {
    if (this.closed) return;
    this.response.end();
    this.finish();
  }

  onClose(listener: () => void) {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  private finish() {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
