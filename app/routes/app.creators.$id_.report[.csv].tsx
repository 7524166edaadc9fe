import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { notFound } from "~/http/responses.server";
import { getCreatorReportCsv } from "~/analytics/creator-report.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const csv = await getCreatorReportCsv(session.shop, params.id ?? "");
  if (!csv) return notFound("This creator does not exist in your shop.");
  return new Response(csv.body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${csv.fileName}"`, "cache-control": "private, no-store" },
  });
};
