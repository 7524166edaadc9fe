import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { getPortalOverview } from "~/creator-portal/portal.server";
import { portalCommand, runPortalCommand } from "~/creator-portal/portal-commands.server";
import { portalDates } from "~/creators/dates.server";
import { readForm } from "~/http/form-body.server";
import { requirePortalCreator } from "~/creators/portal-session.server";
import { PortalPage } from "~/components/creators/PortalPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  const overview = await getPortalOverview(creator);
  return { overview, dates: portalDates(overview) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  const parsed = portalCommand.safeParse(await readForm(request));
  if (!parsed.success) return { ok: false, intent: "invalid", message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  return runPortalCommand(creator, parsed.data);
};

export default function CreatorPortalRoute() {
  const { overview, dates } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return <PortalPage overview={overview} dates={dates} returnedFromStripe={searchParams.get("stripe") === "returned"} />;
}
