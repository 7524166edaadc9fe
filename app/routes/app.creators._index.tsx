import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { EmptyPage } from "~/components/EmptyPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function CreatorsPage() {
  return (
    <EmptyPage title="Creators" heading="Invite the hosts of your shows">
      <p>Creators host your shows and earn a commission on what they sell. Invite one by email; they connect a Stripe account to get paid.</p>
    </EmptyPage>
  );
}
