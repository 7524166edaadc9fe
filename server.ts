// The app's HTTP server: Remix behind Express, built with Vite. In development Vite serves
// the app with hot reload; otherwise the production build in build/ is served.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
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
      // A page that forbids framing outright ('none', the creator portal) stays unframeable.
      if (header === "content-security-policy" && typeof value === "string" && !value.includes("frame-ancestors 'none'")) {
        return setHeader(name, value.replace("frame-ancestors", `frame-ancestors ${sandboxOrigin}`));
      }
      return setHeader(name, value);
    };
    next();
  };
}

/**
 * What Remix does not see fails here (a path Express cannot decode, a handler that threw): a short
 * plain-text answer, never Express's HTML page with a stack trace.
 */
const answerError: express.ErrorRequestHandler = (error: { status?: number; statusCode?: number }, request, response, next) => {
  if (response.headersSent) return next(error);
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    response.status(status).type("text/plain").send(status === 400 ? "Bad request: the address or body could not be read." : "Request refused.");
    return;
  }
  console.error(`[server] ${request.method} ${request.originalUrl} failed:`, error);
  response.status(500).type("text/plain").send("Something went wrong on our side. Please try again.");
};

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
    nodeHandlers(build)
      .then((handlers) => (handlers.handleRealtimeRequest ? handlers.handleRealtimeRequest(request, response) : next()))
      .catch(next);
  });
  // And the show page's own stream of the show (its ticket comes from an authenticated route).
  app.all("/realtime/admin/shows/:showId", (request, response, next) => {
    nodeHandlers(build)
      .then((handlers) => (handlers.handleAdminStreamRequest ? handlers.handleAdminStreamRequest(request, response) : next()))
      .catch(next);
  });
  // A method the route does not answer gets 405 here, before Remix runs a loader or action for it.
  app.use((request, response, next) => {
    serverBuild(build)
      .then((current) => {
        const guard = (current.entry.module as NodeHandlers).guardRequestMethod;
        if (!guard || guard(request, response, current.routes, PLAIN_HANDLER_METHODS)) next();
      })
      .catch(next);
  });
  app.all("*", createRequestHandler({ build }));
  app.use(answerError);
  return { app, build };
}

interface NodeHandlers {
  guardRequestBody?: (request: IncomingMessage, response: ServerResponse) => boolean;
  guardRequestMethod?: (request: IncomingMessage, response: ServerResponse, routes: ServerBuild["routes"], plain: Record<string, readonly string[]>) => boolean;
  handleRealtimeRequest?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  handleAdminStreamRequest?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  handleInventoryLevelWebhook?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  bootstrapShowIdOf?: (request: IncomingMessage) => string | null;
  handleBootstrapRequest?: (request: IncomingMessage, response: ServerResponse, showId: string) => Promise<void>;
  closeRealtimeStreams?: () => Promise<void>;
  closeAdminStreams?: () => Promise<void>;
  startLiveReconciliation?: () => void;
  stopLiveReconciliation?: () => Promise<void>;
  startUsageChargeRetries?: () => void;
  stopUsageChargeRetries?: () => Promise<void>;
  startViewerActivityFlush?: () => void;
  stopViewerActivityFlush?: () => Promise<void>;
  flushChat?: () => Promise<void>;
  startReminderEmails?: () => void;
  stopReminderEmails?: () => Promise<void>;
}

const INVENTORY_LEVEL_WEBHOOK = "/webhooks/inventory_levels/update";
/** Paths served by plain Node handlers rather than route files, with the methods they answer. */
const PLAIN_HANDLER_METHODS: Record<string, readonly string[]> = { [INVENTORY_LEVEL_WEBHOOK]: ["POST"] };

/**
 * Every request meets the body-size guard first. The inventory webhooks of a flash sale,
 * thousands a second, then go to a plain Node handler that verifies and stores them in batches,
 * ahead of Express: routing alone cost a tenth of each. So do a launch storm's bootstrap loads,
 * answered from the show's shared snapshot.
 */
function serveRequests(app: express.Express, build: ServerBuild | (() => Promise<ServerBuild>)) {
  return (request: IncomingMessage, response: ServerResponse) => {
    nodeHandlers(build)
      .then((handlers) => {
        if (handlers.guardRequestBody && !handlers.guardRequestBody(request, response)) return;
        const showId = handlers.bootstrapShowIdOf?.(request);
        if (showId && handlers.handleBootstrapRequest) return handlers.handleBootstrapRequest(request, response, showId);
        if (request.method !== "POST" || request.url !== INVENTORY_LEVEL_WEBHOOK || !handlers.handleInventoryLevelWebhook) return app(request, response);
        return handlers.handleInventoryLevelWebhook(request, response);
      })
      .catch((error: unknown) => {
        console.error(`[server] ${request.method} ${request.url} failed:`, error);
        if (!response.headersSent) response.writeHead(500).end();
      });
  };
}

async function serverBuild(build: ServerBuild | (() => Promise<ServerBuild>)): Promise<ServerBuild> {
  return typeof build === "function" ? await build() : build;
}

async function nodeHandlers(build: ServerBuild | (() => Promise<ServerBuild>)): Promise<NodeHandlers> {
  // app/entry.server.tsx re-exports the plain Node handlers: the server entry is the build's one
  // module meant for the server alone.
  return (await serverBuild(build)).entry.module as NodeHandlers;
}

/**
 * A socket handed over by whoever started the process (systemd's socket activation, or a test
 * that bound the port first so no other process can take it) is fd 3 with LISTEN_FDS=1.
 */
function listenTarget(): { fd: number } | { port: number; host: string } {
  const inherited = process.env.LISTEN_FDS === "1" && (!process.env.LISTEN_PID || Number(process.env.LISTEN_PID) === process.pid);
  return inherited ? { fd: 3 } : { port, host };
}

const { app, build } = await createApp();
const server = createServer(serveRequests(app, build));
server.listen(listenTarget(), () => {
  const address = server.address();
  const bound = typeof address === "object" && address ? `${address.address}:${address.port}` : `${host}:${port}`;
  console.log(`Live Shows app listening on http://${bound}`);
});
nodeHandlers(build)
  .then((handlers) => {
    handlers.startLiveReconciliation?.();
    handlers.startReminderEmails?.();
    handlers.startUsageChargeRetries?.();
    handlers.startViewerActivityFlush?.();
  })
  .catch((error: unknown) => console.error("[server] background work did not start:", error));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Open streams would keep the server from closing; their viewers reconnect elsewhere. A
    // background pass under way (a reminder claimed but not yet sent) finishes before the exit,
    // and the viewer events summed since the last flush are written, as are the chat's hearts and
    // its windows not yet sent.
    nodeHandlers(build)
      .then((handlers) => Promise.all([handlers.closeAdminStreams?.(), handlers.closeRealtimeStreams?.(), handlers.stopLiveReconciliation?.(), handlers.stopReminderEmails?.(), handlers.stopUsageChargeRetries?.(), handlers.stopViewerActivityFlush?.(), handlers.flushChat?.()]))
      .then(() => closed)
      .catch((error: unknown) => console.error("[server] shutdown:", error))
      .finally(() => process.exit(0));
  });
}
