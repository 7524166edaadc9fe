import type { ActionFunctionArgs } from "@remix-run/node";
import { settleAllPendingCharges } from "~/billing/usage-charges.server";
import { refuseUnlessScheduler } from "~/jobs/scheduler-door.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const refused = refuseUnlessScheduler(request);
  if (refused) return refused;
  return Response.json(await settleAllPendingCharges());
};
