import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHeader } from "~/http/node-request";
import { requestClientAddress } from "~/http/request-client.server";
import { log } from "~/lib/log.server";
import { realtimeConfig } from "~/realtime/config.server";
import { sendStreamAnswer, streamRefusal } from "~/realtime/stream-answer.server";
import { answerAdminStream, closeControlRoom } from "./control-room-stream.server";

const PATH = /^\/realtime\/admin\/shows\/([^/]+)\/?$/;

/**
 * GET /realtime/admin/shows/:showId?shop=…&ticket=… as a plain Node handler, mounted by server.ts
 * ahead of Remix for the same reasons as the shoppers' stream (app/realtime/README.md).
 */
export async function handleAdminStreamRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://realtime.invalid");
  let showId: string | undefined;
  try {
    showId = decodeURIComponent(PATH.exec(url.pathname)?.[1] ?? "");
  } catch {
    showId = undefined;
  }
  if (!showId) {
    sendStreamAnswer(request, response, streamRefusal(404, "Not a show stream"), 0);
    return;
  }
  let answer;
  try {
    answer = await answerAdminStream({
      method: request.method ?? "GET",
      showId,
      shop: url.searchParams.get("shop"),
      ticket: url.searchParams.get("ticket"),
      // A page that reopens the stream with a fresh ticket says where it stopped in the query.
      lastEventId: nodeHeader(request, "last-event-id") ?? url.searchParams.get("lastEventId"),
      clientAddress: requestClientAddress(request),
    });
  } catch (error) {
    log.error({ err: error }, `Realtime: could not open the admin stream of show ${showId}`);
    answer = streamRefusal(503, "Stream unavailable", { "Retry-After": "5" });
  }
  sendStreamAnswer(request, response, answer, realtimeConfig().REALTIME_MAX_BACKLOG_BYTES);
}

export { closeControlRoom as closeAdminStreams };
