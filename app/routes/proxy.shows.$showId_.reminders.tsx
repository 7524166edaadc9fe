// POST /apps/live/shows/:showId/reminders: "Remind me" for an upcoming show.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy, proxyJson, readProxyBody } from "~/storefront/app-proxy.server";
import { showSelector } from "~/storefront/proxy-input";
import { reminderInput, saveShowReminder } from "~/storefront/reminders.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const caller = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  if (!selector.success || selector.data.kind !== "id") return proxyJson({ error: `${caller.shop} has no show ${params.showId}`, reason: "unknown_show" }, 404);
  const body = await readProxyBody(request);
  if (!body) return proxyJson({ error: "The request body must be a JSON object or a form", reason: "malformed" }, 400);
  const input = reminderInput.safeParse(body);
  if (!input.success) return proxyJson({ error: input.error.issues.map((issue) => issue.message).join("; "), reason: "invalid" }, 422);
  const result = await saveShowReminder(caller, selector.data.showId, input.data);
  if (result.saved) return proxyJson({ saved: true, confirm: result.confirm }, 201);
  const retryAfter = result.status === 429 ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
  return proxyJson({ error: result.error, reason: result.reason }, result.status, retryAfter);
};
