// Messages between the fan-out benchmark (run.ts's process) and its load generator, which runs
// in a process of its own (sse-clients.ts) so that reading thousands of sockets never shares a
// core's event loop with the server under test or with the orchestration.

export interface ConnectCommand {
  type: "connect";
  port: number;
  /** Several servers (app instances) instead: viewer i connects to ports[i % ports.length]. */
  ports?: number[];
  /** The stream's path and query, e.g. /realtime/shows/abc?shop=x.myshopify.com or /sub/abc. */
  path: string;
  headers: Record<string, string>;
  count: number;
  /** Connects in flight at once: below the kernel's accept backlog (somaxconn 4096 here). */
  inFlight: number;
  /**
   * Streams per client address (127.0.x.y). Viewers come from many addresses; the app caps streams
   * per address, so the clients spread themselves the way real viewers are spread.
   */
  perAddress: number;
  /** Bytes that show a stream is open and ready (our snapshot event; nchan's response headers). */
  readyMarker: string;
  timeoutMs: number;
}

export interface HttpTrigger {
  port: number;
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface FireCommand {
  type: "fire";
  /** Bytes unique to this publish, searched for in what each client receives. */
  marker: string;
  trigger: HttpTrigger;
  timeoutMs: number;
}

export interface CloseCommand {
  type: "close";
}

export type Command = ConnectCommand | FireCommand | CloseCommand;

export interface ConnectedReply {
  type: "connected";
  connected: number;
  failed: number;
  errors: string[];
  elapsedMs: number;
}

export interface FiredReply {
  type: "fired";
  /** The trigger's HTTP status and how long its response took, from just before the request. */
  status: number;
  triggerMs: number;
  received: number;
  /** Clients that did not get the event within the timeout, or had been disconnected. */
  missing: number;
  open: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ErrorReply {
  type: "error";
  message: string;
}

export type Reply = ConnectedReply | FiredReply | ErrorReply;
