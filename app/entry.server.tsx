import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { isCreatorPortalPath } from "~/creator-portal/portal-headers.server";
import { log } from "~/lib/log.server";

export const streamTimeout = 5000;

// Plain Node handlers that server.ts serves ahead of Remix from here: show streams need the
// socket itself, and inventory level webhooks and a launch storm's bootstraps come too fast for
// a web Request each.
export { closeRealtimeStreams, handleRealtimeRequest } from "~/storefront/show-stream-node.server";
export { closeAdminStreams, handleAdminStreamRequest } from "~/analytics/control-room-node.server";
export { handleInventoryLevelWebhook } from "./inventory/level-webhook.server";
export { bootstrapShowIdOf, handleBootstrapRequest } from "./storefront/bootstrap-node.server";
// Every request passes the body-size guard first, before anything reads its body, and Remix's
// requests the method guard, before any loader or action runs.
export { guardRequestBody } from "./http/request-guard.server";
export { guardRequestMethod } from "./http/method-guard.server";
// And the in-process timer that reconciles live shows' stock every few minutes.
export { startLiveReconciliation, stopLiveReconciliation } from "./shows/live-reconciliation.server";
// And the one that emails shoppers the show reminders they asked for, shortly before each show.
export { startReminderEmails, stopReminderEmails } from "./storefront/reminder-emails.server";
// And the one that retries usage charges Shopify did not confirm, for deployments without a scheduler.
export { startUsageChargeRetries, stopUsageChargeRetries } from "./billing/usage-charges.server";
// And the one that writes the viewer events this instance summed, every few seconds.
export { startViewerActivityFlush, stopViewerActivityFlush } from "./analytics/viewer-ingest.server";
// And, at shutdown, the chat's hearts and windows not yet written or sent.
export { flushChat } from "./chat/shutdown.server";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // The creator portal sets its own framing policy (never framed); Shopify's would let a shop's admin frame it given ?shop=.
  if (!isCreatorPortalPath(new URL(request.url).pathname)) addDocumentResponseHeaders(request, responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const readyEvent = userAgent && isbot(userAgent) ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [readyEvent]() {
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        log.error({ err: error }, "rendering the page failed");
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * Server errors from loaders and actions go to the log with the request they broke. Remix's own
 * answers to a client's mistake (no route for the path, 404) are not server errors: they are
 * answered, and a stack trace for each would bury the real failures.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  log.error({ err: error }, `[app] ${request.method} ${new URL(request.url).pathname} failed:`);
}
