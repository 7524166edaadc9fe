import type { SseFrame } from "./frame";

/** One viewer's open stream, whatever carries it (a Node socket, a web ReadableStream). */
export interface SseSink {
  /** Writes the frame, or drops the viewer when it has fallen too far behind; false once closed. */
  write(frame: SseFrame): boolean;
  close(): void;
  /** Called once, when the stream ends for any reason (client left, dropped, closed). */
  onClose(listener: () => void): void;
}
