// Which methods a path answers, read from the app's own routes: a loader answers GET and HEAD,
// an action POST, and a page (a route with a component) renders for GET even without a loader.
// Remix itself answers a wrong method unevenly: 400 "Unexpected Server Error" for a GET to an
// action-only route, 405 without an Allow header for a POST to a loader-only one, an error page
// for a page, and it runs an action for PUT, PATCH and DELETE as if they were POST.
import { matchRoutes } from "@remix-run/react";

/** A route as the server build lists it (ServerBuild["routes"][id]). */
export interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  module: { loader?: unknown; action?: unknown; default?: unknown; ErrorBoundary?: unknown };
}

export type RouteManifest = Record<string, RouteEntry | undefined>;

export type MethodVerdict =
  | { ok: true }
  /** 405 for a method the route does not answer; 204 for OPTIONS where no loader could answer it. */
  | { ok: false; status: 204 | 405; allow: string; reason: string };

type TreeRoute = Parameters<typeof matchRoutes>[0][number] & { id: string };

export function routeTree(manifest: RouteManifest, parentId?: string): TreeRoute[] {
  return Object.values(manifest)
    .filter((route): route is RouteEntry => route !== undefined && route.parentId === parentId)
    .map((route) =>
      // Flat routes give an index route its path too (app.shows._index: "shows", index).
      route.index
        ? { id: route.id, path: route.path, index: true, caseSensitive: route.caseSensitive }
        : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: routeTree(manifest, route.id) },
    );
}

/** Remix's single-fetch data requests name the page with ".data" appended ("/_root.data" for "/"). */
function pagePath(pathname: string): { path: string; data: boolean } {
  if (!pathname.endsWith(".data")) return { path: pathname, data: false };
  return { path: pathname.slice(0, -".data".length).replace(/^\/_root$/, "/"), data: true };
}

/**
 * Whether the route the request reaches answers its method. Paths no route matches are left to
 * Remix (a 404), as are the paths of plain handlers given in `plain` (path → methods).
 */
export function checkRouteMethod(
  manifest: RouteManifest,
  tree: TreeRoute[],
  method: string,
  url: URL,
  plain: Record<string, readonly string[]> = {},
): MethodVerdict {
  const verb = method.toUpperCase();
  const plainMethods = plain[url.pathname];
  if (plainMethods) return plainMethods.includes(verb) ? { ok: true } : refuse(verb, url.pathname, [...plainMethods]);

  const { path, data } = pagePath(url.pathname);
  const matches = matchRoutes(tree, path);
  const leaf = matches?.at(-1);
  if (!matches || !leaf) return { ok: true };
  const leafRoute = manifest[leaf.route.id as string];
  if (!leafRoute) return { ok: true };

  // Remix's own split: a leaf without a component or error boundary is a resource route, which
  // answers with its loader or action alone and ignores ?index.
  const resource = !data && !leafRoute.module.default && !leafRoute.module.ErrorBoundary;
  const nakedIndex = url.searchParams.getAll("index").includes("");
  // Remix's target for a page's post: the index route with ?index, else the deepest route that
  // adds to the path (an index route without a path of its own posts to its parent).
  const pathRoutes = matches.filter((match, at) => at === 0 || Boolean(match.route.path));
  const actionMatch = resource || (leafRoute.index && nakedIndex) ? leaf : pathRoutes.at(-1);
  const actionRoute = actionMatch ? manifest[actionMatch.route.id as string] : undefined;

  const reads = resource ? Boolean(leafRoute.module.loader) : true;
  const allowed = [...(reads ? ["GET", "HEAD"] : []), ...(actionRoute?.module.action ? ["POST"] : [])];
  if (allowed.includes(verb)) return { ok: true };
  // A loader may answer a CORS preflight (Shopify's library does for the admin's routes).
  if (verb === "OPTIONS") return reads ? { ok: true } : { ok: false, status: 204, allow: [...allowed, "OPTIONS"].join(", "), reason: "" };
  return refuse(verb, path, allowed);
}

function refuse(verb: string, path: string, allowed: string[]): MethodVerdict {
  const allow = allowed.join(", ");
  return { ok: false, status: 405, allow, reason: `${path} does not answer ${verb}; it answers ${allow || "nothing"}` };
}
