/**
 * How large a request body may be, by where it goes. Shopify's webhooks (an order with many lines)
 * stay well under 1 MiB; forms, app-proxy posts and everything else a person or the storefront
 * sends are a few kilobytes (the defaults, 1 MiB and 64 KiB, are in app/env.server.ts). The
 * limits are checked before a byte of the body is read.
 */
export interface BodyLimits {
  webhookBytes: number;
  otherBytes: number;
}

export function bodyLimitFor(path: string, limits: BodyLimits): number {
  return path.startsWith("/webhooks/") ? limits.webhookBytes : limits.otherBytes;
}

export type BodyVerdict = { ok: true } | { ok: false; status: 411 | 413 | 400; reason: string };

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);

/**
 * Whether a request's declared body may be read. A body must declare its length: a chunked one
 * could only be measured by reading it, and every client that posts here (Shopify, Mux, Stripe,
 * browsers' forms and fetch with a string or form body) sends Content-Length.
 */
export function checkDeclaredBody(method: string, path: string, headers: { contentLength?: string; transferEncoding?: string }, limits: BodyLimits): BodyVerdict {
  const limit = bodyLimitFor(path, limits);
  if (headers.contentLength !== undefined) {
    if (!/^\d+$/.test(headers.contentLength)) return { ok: false, status: 400, reason: "Content-Length is not a number" };
    const length = Number(headers.contentLength);
    if (length > limit) return { ok: false, status: 413, reason: `The body is ${length} bytes; at most ${limit} are accepted here` };
    return { ok: true };
  }
  if (headers.transferEncoding !== undefined) {
    if (BODYLESS.has(method)) return { ok: false, status: 400, reason: `A ${method} request has no body` };
    return { ok: false, status: 411, reason: "Send the body with a Content-Length" };
  }
  return { ok: true };
}
