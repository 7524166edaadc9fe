// The small HTTP toolkit every emulator is built on: a router over node:http with the raw
// body kept (signatures are computed over the exact bytes) and helpers to answer.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  rawBody: Buffer;
  params: Record<string, string>;
  incoming: IncomingMessage;
}

export type Handler = (request: SandboxRequest, response: ServerResponse) => unknown;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route; `:name` segments become params, a trailing `*` matches the rest as params["*"]. */
  add(method: string, path: string, handler: Handler): this {
    // Keys are collected in the order they stand in the path, so params line up with groups.
    const keys = [...path.matchAll(/:(\w+)|\/\*$/g)].map((match) => match[1] ?? "*");
    const source = path
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\/\*$/, "(?:/(.*))?")
      .replace(/:(\w+)/g, "([^/]+)");
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method && route.method !== "*") continue;
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1] ?? "")]));
      return { handler: route.handler, params };
    }
    return undefined;
  }
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(router: Router, { port = 0, name = "sandbox" } = {}): Promise<RunningServer> {
  const server = createServer(async (incoming, response) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const found = router.match(incoming.method ?? "GET", url.pathname);
    if (!found) return sendJson(response, 404, { errors: `${name}: no route for ${incoming.method} ${url.pathname}` });
    const request: SandboxRequest = {
      method: incoming.method ?? "GET",
      url,
      headers: incoming.headers,
      rawBody: Buffer.concat(chunks),
      params: found.params,
      incoming,
    };
    try {
      await found.handler(request, response);
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, { errors: `${name}: ${(error as Error).message}` });
      else response.destroy(error as Error);
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload), ...headers });
  response.end(payload);
}

export function sendText(response: ServerResponse, status: number, body: string, contentType = "text/html; charset=utf-8", headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  response.end(body);
}

export function readJson<T = unknown>(request: SandboxRequest): T {
  return (request.rawBody.length ? JSON.parse(request.rawBody.toString("utf8")) : {}) as T;
}

export function readForm(request: SandboxRequest): URLSearchParams {
  return new URLSearchParams(request.rawBody.toString("utf8"));
}
