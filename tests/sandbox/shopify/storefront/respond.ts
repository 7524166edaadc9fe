// Storefront answers: JSON with exact ids, HTML pages, both with the cookies a handler set.
import type { ServerResponse, OutgoingHttpHeaders } from "node:http";
import { stringifyRawJson, type RawJsonValue } from "../raw-json";
import type { CookieJar } from "./storefront-context";

function cookies(jar: CookieJar): OutgoingHttpHeaders {
  return jar.length ? { "set-cookie": jar } : {};
}

export function sendStorefrontJson(response: ServerResponse, status: number, body: RawJsonValue, jar: CookieJar = []): void {
  const payload = stringifyRawJson(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
    ...cookies(jar),
  });
  response.end(payload);
}

export function sendPage(response: ServerResponse, status: number, html: string, jar: CookieJar = []): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    ...cookies(jar),
  });
  response.end(html);
}

export function redirect(response: ServerResponse, location: string, jar: CookieJar = [], status = 302): void {
  response.writeHead(status, { location, ...cookies(jar) });
  response.end();
}
