// POST /apps/live/shows/:showId/events: the storefront's viewer beacons (navigator.sendBeacon from
// the block's live-stats script, sent only with the shopper's consent to analytics).
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveViewerBeacon } from "~/analytics/viewer-ingest.server";
import { authenticateAppProxy, proxyJson } from "~/storefront/app-proxy.server";
import { showSelector } from "~/storefront/proxy-input";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  if (!selector.success || selector.data.kind !== "id") return proxyJson({ error: `${shop} has no show ${params.showId}`, reason: "unknown_show" }, 404);
  const answer = await receiveViewerBeacon(shop, selector.data.showId, await request.text());
  return proxyJson(answer.body, answer.status);
};
