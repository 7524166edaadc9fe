import type { ActionFunctionArgs } from "@remix-run/node";
import { refuseUnlessScheduler } from "~/jobs/scheduler-door.server";
import { reconcileLiveShows } from "~/shows/live-reconciliation.server";

// For deployments that run a scheduler instead of the in-process ticker: any cadence works,
// since a show already reconciled within the interval is left alone.
export const action = async ({ request }: ActionFunctionArgs) => {
  const refused = refuseUnlessScheduler(request);
  if (refused) return refused;
  return Response.json(await reconcileLiveShows());
};
