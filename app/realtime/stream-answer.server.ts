// What a request for an event stream gets, whoever admits it (the storefront's show stream, the
// control room's), and how that answer is written to a Node socket.
import type { IncomingMessage, ServerResponse } from "node:http";
import { NodeSseSink } from "./node-sink";
import type { SseSink } from "./sink";

export type StreamAnswer =
  | { kind: "reply"; status: number; headers: Record<string, string>; body: string }
  | { kind: "stream"; headers: Record<string, string>; attach(sink: SseSink): void };

/** A refusal: the status and why, as JSON. */
export function streamRefusal(status: number, message: string, headers: Record<string, string> = {}): StreamAnswer {
  return {
    kind: "reply",
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify({ error: message }),
  };
}

export const EVENT_STREAM_HEADERS: Record<string, string> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  // nginx and similar proxies would otherwise hold events back in their buffers.
  "X-Accel-Buffering": "no",
};

/** Writes a reply, or the stream's headers and then hands the socket to the stream. */
export function sendStreamAnswer(request: IncomingMessage, response: ServerResponse, answer: StreamAnswer, maxBacklogBytes: number) {
  if (answer.kind === "reply") {
    response.writeHead(answer.status, answer.headers).end(answer.body);
    return;
  }
  request.socket.setNoDelay(true);
  request.socket.setTimeout(0);
  response.writeHead(200, answer.headers);
  response.flushHeaders();
  answer.attach(new NodeSseSink(response, maxBacklogBytes));
}
