// /apps/live/shows/:showId/chat (app proxy → /proxy/shows/:showId/chat). POST: a viewer's
// message. GET: the latest messages (a live show) or those between two offsets (?from=&to=, ms
// into the stream, a replay), hidden ones never.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { chatHistoryQuery, chatPostInput } from "~/chat/chat-input";
import { readChatHistory } from "~/chat/chat-history.server";
import { postChatMessage } from "~/chat/post-message.server";
import { issuesOf } from "~/http/field-errors";
import { authenticateAppProxy, proxyJson, readProxyBody } from "~/storefront/app-proxy.server";
import { showSelector } from "~/storefront/proxy-input";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  if (!selector.success || selector.data.kind !== "id") return proxyJson({ error: `${shop} has no show ${params.showId}`, reason: "unknown_show" }, 404);
  const search = new URL(request.url).searchParams;
  const query = chatHistoryQuery.safeParse(Object.fromEntries(search));
  if (!query.success) return proxyJson({ error: issuesOf(query.error), reason: "bad_request" }, 400);
  const answer = await readChatHistory(shop, selector.data.showId, { ...query.data, token: search.get("token") });
  return answer.found ? proxyJson(answer.history) : proxyJson({ error: answer.error, reason: answer.reason }, answer.status);
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const caller = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  if (!selector.success || selector.data.kind !== "id") return proxyJson({ error: `${caller.shop} has no show ${params.showId}`, reason: "unknown_show" }, 404);
  const body = await readProxyBody(request);
  if (!body) return proxyJson({ error: "The request body must be a JSON object or a form", reason: "malformed" }, 400);
  const input = chatPostInput.safeParse(body);
  if (!input.success) return proxyJson({ error: issuesOf(input.error), reason: "invalid" }, 422);
  const result = await postChatMessage(caller, selector.data.showId, input.data);
  if (result.posted) return proxyJson({ message: result.message, linksRemoved: result.linksRemoved }, 201);
  const retryAfter = result.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(result.retryAfterSeconds) };
  return proxyJson({ error: result.error, reason: result.reason }, result.status, retryAfter);
};
