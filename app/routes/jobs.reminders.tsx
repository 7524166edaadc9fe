import type { ActionFunctionArgs } from "@remix-run/node";
import { refuseUnlessScheduler } from "~/jobs/scheduler-door.server";
import { runReminderPass } from "~/storefront/reminder-emails.server";

// For deployments that run a scheduler instead of the in-process ticker: call it at least once a
// minute or so, since a reminder goes out at the first call inside the lead time. Each reminder is
// claimed before it is sent, so overlapping calls and the ticker never mail one twice. Each call
// also forgets addresses nobody confirmed in time.
export const action = async ({ request }: ActionFunctionArgs) => {
  const refused = refuseUnlessScheduler(request);
  if (refused) return refused;
  return Response.json(await runReminderPass());
};
