// GET /apps/live/shows/:showId/calendar.ics: "Add to calendar" for an upcoming show.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy, proxyJson } from "~/storefront/app-proxy.server";
import { showCalendarFile } from "~/storefront/calendar.server";
import { calendarQuery, showSelector } from "~/storefront/proxy-input";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await authenticateAppProxy(request);
  const selector = showSelector.safeParse(params.showId);
  const query = calendarQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!selector.success || selector.data.kind !== "id" || !query.success) {
    return proxyJson({ error: `${shop} has no upcoming show ${params.showId}`, reason: "unknown_show" }, 404);
  }
  const calendar = await showCalendarFile(shop, selector.data.showId, query.data.url);
  if (!calendar.found) return proxyJson({ error: calendar.error, reason: "unknown_show" }, 404);
  return new Response(calendar.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${calendar.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
};
