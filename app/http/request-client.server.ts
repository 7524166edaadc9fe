import type { IncomingMessage } from "node:http";
import type { BlockList } from "node:net";
import { env } from "~/env.server";
import { clientAddress, parseTrustedProxies } from "~/lib/client-address";

let trusted: BlockList | undefined;

/** The address per-client limits count: the peer, or X-Forwarded-For through TRUSTED_PROXIES. */
export function requestClientAddress(request: IncomingMessage): string {
  trusted ??= parseTrustedProxies(env().TRUSTED_PROXIES);
  return clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
}
