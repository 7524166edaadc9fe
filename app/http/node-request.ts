import type { IncomingMessage } from "node:http";

/** A request header's first value, or null when absent or empty. */
export function nodeHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) || null;
}
