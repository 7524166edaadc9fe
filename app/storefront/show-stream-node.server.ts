import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHeader } from "~/http/node-request";
import { requestClientAddress } from "~/http/request-client.server";
import { realtimeConfig } from "~/realtime/config.server";
import { closeRealtime } from "./show-stream-hub.server";
import { sendStreamAnswer } from "~/realtime/stream-answer.server";
import { answerShowStream } from "./show-stream.server";
import { log } from "~/lib/log.server";

const PATH = /^\/realtime\/shows\/([^/]+)\/?$/;

/**
 * GET /realtime/shows/:showId?shop=… as a plain Node handler. server.ts mounts it ahead of
 * Remix: the stream needs the socket itself (write-once buffers, backlog bounds), which a
 * Remix loader's web stream hides.
 */
export async function handleRealtimeRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://realtime.invalid");
  const showId = PATH.exec(url.pathname)?.[1];
  if (!showId) {
    response.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Not a show stream" }));
    return;
  }
  let answer;
  try {
    answer = await answerShowStream({
      method: request.method ?? "GET",
      showId: decodeURIComponent(showId),
      shop: url.searchParams.get("shop"),
      origin: nodeHeader(request, "origin"),
      // EventSource sends the header on reconnect; polyfills that cannot set headers use the query.
      lastEventId: nodeHeader(request, "last-event-id") ?? url.searchParams.get("lastEventId"),
      clientAddress: requestClientAddress(request),
      viewerToken: url.searchParams.get("token"),
    });
  } catch (error) {
    log.error({ err: error }, `Realtime: could not open the stream of show ${showId}`);
    response.writeHead(503, { "Content-Type": "application/json", "Retry-After": "5" }).end(JSON.stringify({ error: "Stream unavailable" }));
    return;
  }
  sendStreamAnswer(request, response, answer, realtimeConfig().REALTIME_MAX_BACKLOG_BYTES);
}

export { closeRealtime as closeRealtimeStreams };
