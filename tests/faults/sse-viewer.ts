// A viewer of a show's stream that behaves as a browser's EventSource: when the stream ends or
// cannot be opened it waits the server's `retry:` time (fixed here) and opens it again with
// Last-Event-ID set to the last id it received. It keeps everything it received, across
// connections, so a test can check that nothing was missed, repeated or out of order.
import { openEventStream, type EventStream, type SseMessage } from "../support/sse-client";

export interface ViewerMessage extends SseMessage {
  /** Which connection (1 for the first) carried it. */
  connection: number;
}

export class ReconnectingViewer {
  readonly messages: ViewerMessage[] = [];
  connections = 0;
  /** Connections refused or failed (no event stream), each retried. */
  failedConnects = 0;
  private lastEventId: string | null = null;
  private current: EventStream | undefined;
  private closed = false;
  private readonly waiters = new Set<() => void>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly retryMs: number,
    readonly name: string,
  ) {}

  /** Resolves once the first connection is open. */
  async start(): Promise<void> {
    const opened = new Promise<void>((resolve) => this.waiters.add(resolve));
    this.running = this.loop();
    await opened;
  }

  /** Ends the current connection from the viewer's side (a network blip); it reconnects on its own. */
  drop() {
    this.current?.close();
  }

  /** Resolves true once the condition holds (checked on every message), false after timeoutMs. */
  until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (condition()) finish(true);
      };
      const finish = (met: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(met);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  async close() {
    this.closed = true;
    this.current?.close();
    await this.running;
  }

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async loop() {
    while (!this.closed) {
      let stream: EventStream | undefined;
      try {
        stream = await openEventStream(this.url, this.lastEventId === null ? {} : { "last-event-id": this.lastEventId });
      } catch {
        stream = undefined;
      }
      if (stream && stream.status === 200 && String(stream.headers["content-type"]).startsWith("text/event-stream")) {
        this.connections++;
        this.current = stream;
        const connection = this.connections;
        this.wake();
        let ended = false;
        void stream.ended.then(() => (ended = true));
        for (;;) {
          let message: SseMessage;
          try {
            // Short waits, checked against the end: the client notices an ended stream only on its next call.
            message = await stream.next(1_000);
          } catch {
            if (ended) break;
            continue;
          }
          this.messages.push({ ...message, connection });
          if (message.id !== null) this.lastEventId = message.id;
          this.wake();
        }
        this.current = undefined;
      } else {
        this.failedConnects++;
        stream?.close();
      }
      if (this.closed) break;
      // EventSource's reconnection delay: the protocol's own wait, not a guess at when something is ready.
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }
}
