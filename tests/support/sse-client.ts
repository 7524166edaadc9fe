// A Server-Sent Events client for tests: reads a stream over real HTTP as EventSource would,
// and lets a test await the next event (or comment) instead of sleeping.
import { request, type IncomingHttpHeaders } from "node:http";

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface EventStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body of a refused request (not an event stream). */
  body: Promise<string>;
  /** Every event received so far, in order. */
  readonly received: SseMessage[];
  /** The next event not yet taken, waiting for it if need be. */
  next(timeoutMs?: number): Promise<SseMessage>;
  /** The next comment line (heartbeats), waiting for it if need be. */
  nextComment(timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function dataOf<T>(message: SseMessage): T {
  return JSON.parse(message.data) as T;
}

/** localAddress: a loopback address (127.0.0.x) to connect from, for tests of per-address limits. */
export function openEventStream(url: string, headers: Record<string, string> = {}, localAddress?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const options = { headers: { accept: "text/event-stream", ...headers }, agent: false, localAddress };
    const outgoing = request(url, options, (response) => {
      const received: SseMessage[] = [];
      const comments: string[] = [];
      let taken = 0;
      let commentsTaken = 0;
      const waiters = new Set<() => void>();
      const wake = () => {
        for (const waiter of [...waiters]) waiter();
      };
      let endedResolve: () => void = () => {};
      const ended = new Promise<void>((done) => (endedResolve = done));
      let buffer = "";
      let raw = "";
      let event: { id: string | null; event: string; data: string[] } = { id: null, event: "message", data: [] };
      const isStream = response.headers["content-type"]?.startsWith("text/event-stream") ?? false;

      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (!isStream) {
          raw += chunk;
          return;
        }
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, "");
          buffer = buffer.slice(newline + 1);
          if (line === "") {
            if (event.data.length) received.push({ id: event.id, event: event.event, data: event.data.join("\n") });
            event = { id: null, event: "message", data: [] };
          } else if (line.startsWith(":")) {
            comments.push(line.slice(1).trim());
          } else {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") event.id = value;
            else if (field === "event") event.event = value;
            else if (field === "data") event.data.push(value);
          }
        }
        wake();
      });
      const finish = () => {
        endedResolve();
        wake();
      };
      response.on("end", finish);
      response.on("close", finish);
      let finished = false;
      void ended.then(() => (finished = true));

      const waitFor = <T>(take: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
        new Promise((done, fail) => {
          const check = () => {
            const value = take();
            if (value !== undefined) {
              cleanup();
              done(value);
            } else if (finished) {
              cleanup();
              fail(new Error(`The stream ended before the next ${what}; received so far: ${JSON.stringify(received)}`));
            }
          };
          const timer = setTimeout(() => {
            cleanup();
            fail(new Error(`No ${what} within ${timeoutMs} ms; received so far: ${JSON.stringify(received)}`));
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });

      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: new Promise((done) => response.on("end", () => done(raw))),
        received,
        next: (timeoutMs = 10_000) => waitFor(() => (taken < received.length ? received[taken++] : undefined), "event", timeoutMs),
        nextComment: (timeoutMs = 10_000) =>
          waitFor(() => (commentsTaken < comments.length ? comments[commentsTaken++] : undefined), "comment", timeoutMs),
        ended,
        close: () => outgoing.destroy(),
      });
    });
    outgoing.on("error", (error) => {
      if ((error as NodeJS.ErrnoException).code !== "ECONNRESET") reject(error);
    });
    outgoing.end();
  });
}
