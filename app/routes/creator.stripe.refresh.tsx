import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { onboardingLink } from "~/creators/connect.server";
import { portalUrl } from "~/creator-portal/portal-commands.server";
import { requirePortalCreator } from "~/creators/portal-session.server";

// Stripe sends the creator here when their onboarding link expired or was used: a fresh link, straight back to Stripe.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  return redirect(await onboardingLink(creator.shop, creator.id, { returnUrl: portalUrl("/creator/stripe/return"), refreshUrl: portalUrl("/creator/stripe/refresh") }));
};
