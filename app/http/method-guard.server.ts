import type { IncomingMessage, ServerResponse } from "node:http";
import { checkRouteMethod, routeTree, type RouteManifest } from "./route-methods";

const trees = new WeakMap<RouteManifest, ReturnType<typeof routeTree>>();

/**
 * Runs ahead of Remix (server.ts calls it for every request Remix would see): a method the
 * route does not answer gets 405 with an Allow header and a one-line reason, in one place,
 * before any loader, action or authentication runs. `plain` names the paths served by plain
 * Node handlers and their methods. Answers false when it has answered the request itself.
 */
export function guardRequestMethod(request: IncomingMessage, response: ServerResponse, routes: RouteManifest, plain: Record<string, readonly string[]> = {}): boolean {
  let tree = trees.get(routes);
  if (!tree) trees.set(routes, (tree = routeTree(routes)));
  const verdict = checkRouteMethod(routes, tree, request.method ?? "GET", new URL(request.url ?? "/", "http://app.invalid"), plain);
  if (verdict.ok) return true;
  if (verdict.status === 204 || request.method === "HEAD") {
    response.writeHead(verdict.status, { Allow: verdict.allow, "Content-Length": 0 }).end();
    return false;
  }
  const body = JSON.stringify({ error: verdict.reason });
  response.writeHead(405, { Allow: verdict.allow, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
  return false;
}
