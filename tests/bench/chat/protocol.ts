// Messages between the chat benchmark (run.ts's process) and its load generator (chat-clients.ts),
// which holds the viewers' streams and posts the messages, in a process of its own. The connect
// step is the fan-out benchmark's (fanout/protocol.ts).
import type { ConnectCommand, ConnectedReply, ErrorReply } from "../fanout/protocol";

/** Bytes that open every benchmark message's text, followed by its number in MARKER_DIGITS digits. */
export const MARKER = "BENCHMSG";
export const MARKER_DIGITS = 6;

/** How the messages reach the server under test. */
export type PostPlan =
  /** As viewers post them: the signed app proxy, spread over viewer tokens and client addresses. */
  | { kind: "app"; port: number; path: string; shop: string; secret: string; tokens: string[]; addresses: number }
  /** To nchan's publisher: each message its own publish (windowMs 0) or the app's windows, one publish each. */
  | { kind: "nchan"; port: number; path: string; windowMs: number };

export interface RunCommand {
  type: "run";
  plan: PostPlan;
  perSecond: number;
  /** Messages posted first and not measured (the server's JIT and caches warm up on them). */
  warmupSeconds: number;
  seconds: number;
  /** After the last post, how long to wait for every viewer to have every message. */
  drainMs: number;
}

export interface RanReply {
  type: "ran";
  /** Measured messages posted, and how many the server accepted (201 / nchan's 201 or 202). */
  posted: number;
  accepted: number;
  /** Refusals by HTTP status ("429": 3), failed requests as "error". */
  refused: Record<string, number>;
  /** Seconds from the first measured post to the last one sent (late timers stretch it). */
  postingSeconds: number;
  /** Post → arrival at a viewer over every (measured message, open viewer) pair, ms; one that never arrived counts as Infinity. */
  p50: number;
  p99: number;
  max: number;
  deliveries: number;
  /** (message, viewer) pairs that never arrived within the drain: measured messages × open viewers − deliveries. */
  missing: number;
  /** Viewers still open at the end. */
  open: number;
  /** The post's own response (our proxy route; nchan's publisher), ms. */
  postP50: number;
  postP99: number;
}

export type ChatCommand = ConnectCommand | RunCommand | { type: "close" };
export type ChatReply = ConnectedReply | RanReply | ErrorReply;
