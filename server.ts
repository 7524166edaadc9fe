// The app's HTTP server: Remix behind Express, built with Vite. In development Vite serves
// the app with hot reload; otherwise the production build in build/ is served.
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";
const buildDir = path.resolve(import.meta.dirname, process.env.LIVE_SHOWS_BUILD_DIR ?? "build");

async function createApp() {
  const app = express();
  app.disable("x-powered-by");
  const vite =
    process.env.LIVE_SHOWS_DEV === "1"
      ? await import("vite").then(({ createServer }) => createServer({ server: { middlewareMode: true } }))
      : undefined;
  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  }
  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild);
  app.all("*", createRequestHandler({ build }));
  return app;
}

const server = (await createApp()).listen(port, host, () => {
  console.log(`Live Shows app listening on http://${host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
