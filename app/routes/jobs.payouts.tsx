import type { ActionFunctionArgs } from "@remix-run/node";
import { refuseUnlessScheduler } from "~/jobs/scheduler-door.server";
import { runScheduledPayouts } from "~/payouts/scheduled.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const refused = refuseUnlessScheduler(request);
  if (refused) return refused;
  const pass = await runScheduledPayouts();
  return Response.json({
    ran: pass.ran,
    shops: pass.shops.map(({ shop, report, error }) => ({ shop, runId: report?.runId ?? null, outcome: report?.outcome ?? "failed", error })),
  });
};
