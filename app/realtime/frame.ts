// Server-Sent Events on the wire. An event is encoded once into a Buffer and that same Buffer
// goes to every connection: with thousands of viewers, per-connection serialising and copying
// is where the time of a fan-out goes.
import type { RealtimeEvent } from "./events";

const CRLF = Buffer.from("\r\n");

export class SseFrame {
  private chunkedBytes: Buffer | undefined;

  constructor(readonly bytes: Buffer) {}

  /**
   * The same bytes as one HTTP/1.1 chunk (size line, data, CRLF), built once on first use, for
   * connections written to below Node's response object, which would otherwise frame each write.
   */
  get chunked(): Buffer {
    this.chunkedBytes ??= Buffer.concat([Buffer.from(`${this.bytes.length.toString(16)}\r\n`), this.bytes, CRLF]);
    return this.chunkedBytes;
  }
}

/** JSON.stringify escapes line breaks, so the data always fits on one `data:` line. */
export function eventFrame(event: Pick<RealtimeEvent, "seq" | "type" | "data"> | { seq: number; type: "snapshot"; data: unknown }): SseFrame {
  return new SseFrame(Buffer.from(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`));
}

/** An event without an id: EventSource keeps the last id it saw, so a resume starts after the last numbered event. */
export function unnumberedFrame(type: string, data: unknown): SseFrame {
  return new SseFrame(Buffer.from(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
}

/** A comment line: EventSource ignores it; proxies and the TCP connection see traffic. */
export function commentFrame(text: string): SseFrame {
  return new SseFrame(Buffer.from(`: ${text.replace(/[\r\n]/g, " ")}\n\n`));
}

/** How long EventSource waits before reconnecting. */
export function retryFrame(milliseconds: number): SseFrame {
  return new SseFrame(Buffer.from(`retry: ${Math.round(milliseconds)}\n\n`));
}
