// POST /apps/live/shows/:showId/hearts (app proxy → /proxy/shows/:showId/hearts): a viewer's
// hearts, the taps since the player last sent ({ token, taps }, 1 to 50). Counted on the server
// and told to the viewers as one total a second (app/chat/hearts.server.ts). 202: counted.
import type { ActionFunctionArgs } from "@remix-run/node";
import { heartsInput } from "~/chat/hearts";
import { countHearts } from "~/chat/hearts.server";
import { issuesOf } from "~/http/field-errors";
import { authenticateAppProxy, proxyJson, readProxyBody } from "~/storefront/app-proxy.server";
import { showSelector } from "~/storefront/proxy-input";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const caller = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  if (!selector.success || selector.data.kind !== "id") return proxyJson({ error: `${caller.shop} has no show ${params.showId}`, reason: "unknown_show" }, 404);
  const body = await readProxyBody(request);
  if (!body) return proxyJson({ error: "The request body must be a JSON object", reason: "malformed" }, 400);
  const input = heartsInput.safeParse(body);
  if (!input.success) return proxyJson({ error: issuesOf(input.error), reason: "invalid" }, 422);
  const result = await countHearts(caller, selector.data.showId, input.data);
  if (result.counted) return proxyJson({ taps: result.taps }, 202);
  const retryAfter = result.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(result.retryAfterSeconds) };
  return proxyJson({ error: result.error, reason: result.reason }, result.status, retryAfter);
};
