import { describe, expect, it } from "vitest";
import { checkRouteMethod, routeTree, type RouteManifest } from "./route-methods";

const fn = () => null;
const manifest: RouteManifest = {
  root: { id: "root", path: "", module: { default: fn } },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: { default: fn, loader: fn } },
  "routes/healthz": { id: "routes/healthz", parentId: "root", path: "healthz", module: { loader: fn } },
  "routes/jobs.payouts": { id: "routes/jobs.payouts", parentId: "root", path: "jobs/payouts", module: { action: fn } },
  "routes/creator": { id: "routes/creator", parentId: "root", path: "creator", module: { default: fn, ErrorBoundary: fn } },
  "routes/creator._index": { id: "routes/creator._index", parentId: "routes/creator", index: true, module: { default: fn, loader: fn, action: fn } },
  "routes/creator.statements": { id: "routes/creator.statements", parentId: "routes/creator", path: "statements", module: { default: fn, loader: fn } },
  "routes/creator.sign-out": { id: "routes/creator.sign-out", parentId: "routes/creator", path: "sign-out", module: { loader: fn, action: fn } },
  "routes/app": { id: "routes/app", parentId: "root", path: "app", module: { default: fn, loader: fn, ErrorBoundary: fn } },
  "routes/app.shows._index": { id: "routes/app.shows._index", parentId: "routes/app", path: "shows", index: true, module: { default: fn, loader: fn } },
  "routes/app.creators._index": { id: "routes/app.creators._index", parentId: "routes/app", path: "creators", index: true, module: { default: fn, loader: fn, action: fn } },
  "routes/app.shows.new": { id: "routes/app.shows.new", parentId: "routes/app", path: "shows/new", module: { default: fn, loader: fn, action: fn } },
  "routes/proxy.shows.$showId": { id: "routes/proxy.shows.$showId", parentId: "root", path: "proxy/shows/:showId", module: { loader: fn } },
};
const tree = routeTree(manifest);
const check = (method: string, path: string) => checkRouteMethod(manifest, tree, method, new URL(path, "http://app.test"), { "/webhooks/inventory_levels/update": ["POST"] });

describe("checkRouteMethod", () => {
  it("lets through what each route answers", () => {
    for (const [method, path] of [
      ["GET", "/healthz"],
      ["HEAD", "/healthz"],
      ["POST", "/jobs/payouts"],
      ["GET", "/creator"],
      ["POST", "/creator?index"],
      ["GET", "/creator/statements?month=2026-01"],
      ["GET", "/proxy/shows/abc"],
      ["POST", "/creator/sign-out"],
      ["GET", "/creator/sign-out"],
      ["POST", "/webhooks/inventory_levels/update"],
      ["GET", "/creator/statements.data"],
      ["POST", "/creator.data?index"],
    ] as const) {
      expect(check(method, path), `${method} ${path}`).toEqual({ ok: true });
    }
  });

  it("refuses a GET to an action-only route and a POST to a loader-only one with 405 and Allow", () => {
    expect(check("GET", "/jobs/payouts")).toEqual({ ok: false, status: 405, allow: "POST", reason: "/jobs/payouts does not answer GET; it answers POST" });
    expect(check("POST", "/healthz")).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(check("POST", "/proxy/shows/abc")).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(check("POST", "/creator/statements")).toMatchObject({ status: 405, allow: "GET, HEAD" });
  });

  it("refuses PUT, PATCH, DELETE and unknown methods instead of running the action as if posted", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]) {
      expect(check(method, "/jobs/payouts"), method).toMatchObject({ status: 405, allow: "POST" });
      expect(check(method, "/creator/sign-out"), method).toMatchObject({ status: 405, allow: "GET, HEAD, POST" });
    }
    expect(check("GET", "/webhooks/inventory_levels/update")).toMatchObject({ status: 405, allow: "POST" });
  });

  it("sends a page's post without ?index to the deepest route with a path, as Remix does", () => {
    expect(check("POST", "/creator")).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(check("POST", "/creator.data")).toMatchObject({ status: 405 });
    // An index route with a path of its own, as flat routes make app.shows._index.
    expect(check("POST", "/app/shows")).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(check("GET", "/app/shows")).toEqual({ ok: true });
    expect(check("POST", "/app/shows/new")).toEqual({ ok: true });
    expect(check("POST", "/app/creators")).toEqual({ ok: true });
    expect(check("POST", "/app/creators?index")).toEqual({ ok: true });
  });

  it("answers OPTIONS itself only where no loader could", () => {
    expect(check("OPTIONS", "/jobs/payouts")).toMatchObject({ status: 204, allow: "POST, OPTIONS" });
    expect(check("OPTIONS", "/healthz")).toEqual({ ok: true });
  });

  it("leaves paths no route matches to Remix's 404", () => {
    expect(check("POST", "/nowhere/at/all")).toEqual({ ok: true });
    expect(check("DELETE", "/proxy/shows/a/b/c")).toEqual({ ok: true });
  });
});
