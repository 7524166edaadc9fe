import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { notFound } from "~/http/responses.server";
import { getShowReport } from "~/analytics/show-reports.server";
import { ShowReportPage } from "~/components/analytics/ShowReportPage";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const report = await getShowReport(session.shop, params.id ?? "");
  if (!report) throw notFound("This show does not exist in your shop.");
  return { report };
};

export default function ShowReportRoute() {
  return <ShowReportPage report={useLoaderData<typeof loader>().report} />;
}
