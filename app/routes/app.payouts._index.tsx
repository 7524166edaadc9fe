import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { EmptyPage } from "~/components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function PayoutsPage() {
  return (
    <EmptyPage title="Payouts" heading="No payouts yet">
      <p>Commissions on sales from a creator&apos;s shows are paid here by Stripe transfer once the hold period has passed.</p>
    </EmptyPage>
  );
}
