// The app's HTTP server: Remix behind Express, built with Vite. In development Vite serves
// the app with hot reload; otherwise the production build in build/ is served.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";
const buildDir = path.resolve(import.meta.dirname, process.env.LIVE_SHOWS_BUILD_DIR ?? "build");

/**
 * Sandbox only: Shopify's library allows framing by Shopify's admin and preloads App Bridge from
 * Shopify's CDN. The sandbox admin frames the app from its own origin and serves the App Bridge
 * stand-in, so its origin joins frame-ancestors and the unreachable preload is dropped.
 */
function sandboxAdminHeaders(sandboxOrigin: string): express.RequestHandler {
  return (_request, response, next) => {
    const setHeader = response.setHeader.bind(response);
    response.setHeader = (name: string, value: number | string | readonly string[]) => {
      const header = name.toLowerCase();
      if (header === "link" && String(value).includes("cdn.shopify.com/shopifycloud/app-bridge.js")) return response;
      if (header === "content-security-policy" && typeof value === "string") {
        return setHeader(name, value.replace("frame-ancestors", `frame-ancestors ${sandboxOrigin}`));
      }
      return setHeader(name, value);
    };
    next();
  };
}

async function createApp() {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.SHOPIFY_SANDBOX_URL) app.use(sandboxAdminHeaders(new URL(process.env.SHOPIFY_SANDBOX_URL).origin));
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
  // Show streams (Server-Sent Events) are answered by a plain Node handler from the app build,
  // ahead of Remix: it writes each event's bytes straight to the sockets and bounds slow clients,
  // which a loader's web stream cannot (app/realtime/README.md has the measurements).
  app.all("/realtime/shows/:showId", (request, response, next) => {
    realtimeModule(build)
      .then((realtime) => (realtime.handleRealtimeRequest ? realtime.handleRealtimeRequest(request, response) : next()))
      .catch(next);
  });
  app.all("*", createRequestHandler({ build }));
  return { app, build };
}

interface RealtimeModule {
  handleRealtimeRequest?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  closeRealtimeStreams?: () => Promise<void>;
}

async function realtimeModule(build: ServerBuild | (() => Promise<ServerBuild>)): Promise<RealtimeModule> {
  const current = typeof build === "function" ? await build() : build;
  // app/entry.server.tsx re-exports the stream handlers: the server entry is the build's one
  // module meant for the server alone.
  return current.entry.module as RealtimeModule;
}

const { app, build } = await createApp();
const server = app.listen(port, host, () => {
  console.log(`Live Shows app listening on http://${host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Open streams would keep the server from closing; their viewers reconnect elsewhere.
    void realtimeModule(build).then((realtime) => realtime.closeRealtimeStreams?.());
  });
}
