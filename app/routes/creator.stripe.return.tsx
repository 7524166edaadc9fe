import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { refreshCreatorAccount } from "~/creators/connect.server";
import { requirePortalCreator } from "~/creators/portal-session.server";
import { PaymentsError } from "~/payments/stripe.server";

// Stripe sends the creator here after onboarding. The account is read now rather than waiting
// for account.updated, so the portal shows the new status on arrival.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  try {
    await refreshCreatorAccount(creator.shop, creator.id);
  } catch (error) {
    // Stripe's account.updated event brings the status a moment later.
    if (!(error instanceof PaymentsError)) throw error;
  }
  return redirect("/creator?stripe=returned");
};
