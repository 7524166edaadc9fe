import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { badRequest } from "~/http/responses.server";
import { getOverviewCsv } from "~/analytics/show-reports.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const csv = await getOverviewCsv(session.shop, new URL(request.url).searchParams);
  if (!csv.ok) return badRequest(csv.error);
  return new Response(csv.body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${csv.fileName}"`, "cache-control": "private, no-store" },
  });
};
