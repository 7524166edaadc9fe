// GET /proxy/shows/:showId as a plain Node handler, which server.ts mounts ahead of Express and
// Remix: in a launch storm every viewer loads it within seconds, and routing through Remix alone
// cost more than answering from the snapshot. The reply is the route's own (replyToBootstrap).
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "~/lib/log.server";
import { replyToBootstrap } from "./bootstrap-snapshots.server";

const BOOTSTRAP_PATH = /^\/proxy\/shows\/([^/?]+)$/;

/** The show id of a bootstrap request, or null for any other request. */
export function bootstrapShowIdOf(request: IncomingMessage): string | null {
  if (request.method !== "GET") return null;
  const match = BOOTSTRAP_PATH.exec(new URL(request.url ?? "/", "http://app.invalid").pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

export async function handleBootstrapRequest(request: IncomingMessage, response: ServerResponse, showId: string): Promise<void> {
  try {
    const ifNoneMatch = request.headers["if-none-match"];
    const reply = await replyToBootstrap(showId, new URL(request.url ?? "/", "http://app.invalid"), typeof ifNoneMatch === "string" ? ifNoneMatch : null);
    response.writeHead(reply.status, reply.headers).end(reply.body ?? undefined);
  } catch (error) {
    log.error({ err: error }, `[storefront] the bootstrap for show ${showId} failed:`);
    if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "The show could not be loaded; try again in a moment" }));
  }
}
