import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { getAnalyticsOverviewPage } from "~/analytics/show-reports.server";
import { AnalyticsOverview } from "~/components/analytics/AnalyticsOverview";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return getAnalyticsOverviewPage(session.shop, new URL(request.url).searchParams);
};

export default function AnalyticsRoute() {
  return <AnalyticsOverview {...useLoaderData<typeof loader>()} />;
}
