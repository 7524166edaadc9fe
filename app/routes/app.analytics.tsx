import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { EmptyPage } from "~/components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function AnalyticsPage() {
  return (
    <EmptyPage title="Analytics" heading="Your numbers appear after your first show">
      <p>Viewers, watch time, add-to-carts, orders and revenue for every show, live and in replay.</p>
    </EmptyPage>
  );
}
