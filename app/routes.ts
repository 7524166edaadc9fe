import { route, type RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

const routes = await flatRoutes({ ignoredRouteFiles: ["**/*.test.*"] });

// The admin benchmark's build (tests/bench/lib/prepare.ts) adds its floor, an empty page in the
// embedded layout, from the benchmark's own folder: the product never has it.
if (process.env.LIVE_SHOWS_BENCH_FLOOR === "1") {
  const embedded = routes.find((entry) => entry.id === "routes/app");
  if (!embedded) throw new Error("The admin benchmark's floor goes in the embedded layout, app/routes/app.tsx, which is missing");
  (embedded.children ??= []).push(route("bench-floor", "../tests/bench/admin/floor-route.tsx", { id: "bench-floor" }));
  // The join-storm benchmark's baseline: the bootstrap built whole per request, as before the shared snapshot.
  routes.push(route("proxy/bench-uncached/shows/:showId", "../tests/bench/storm/uncached-route.ts", { id: "bench-uncached-bootstrap" }));
}

export default routes satisfies RouteConfig;
