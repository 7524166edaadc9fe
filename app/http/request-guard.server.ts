import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "~/env.server";
import { checkDeclaredBody } from "./body-limits";

const LINGER_MS = 1_000;

/**
 * Runs ahead of every route (server.ts calls it before Express, Remix or the plain handlers see
 * the request): a body past its limit is refused from its Content-Length before a byte of it is
 * read, so a burst of large unauthenticated posts costs no memory. Answers false when it has
 * answered the request itself.
 */
export function guardRequestBody(request: IncomingMessage, response: ServerResponse): boolean {
  const config = env();
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const verdict = checkDeclaredBody(
    request.method ?? "GET",
    path,
    { contentLength: header("content-length"), transferEncoding: header("transfer-encoding") },
    { webhookBytes: config.BODY_LIMIT_WEBHOOK_BYTES, otherBytes: config.BODY_LIMIT_OTHER_BYTES },
  );
  if (verdict.ok) return true;
  // The body is never kept: Node discards what still arrives, and the connection closes a moment
  // after the answer (long enough for the client to read it while it is still sending, as
  // nginx's lingering close does) rather than after the whole body.
  const body = JSON.stringify({ error: verdict.reason });
  response.writeHead(verdict.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close" });
  response.end(body, () => setTimeout(() => request.socket.destroy(), LINGER_MS).unref());
  return false;
}
