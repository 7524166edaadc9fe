import type { ActionFunctionArgs } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";
import { runScheduledPayouts } from "~/payouts/scheduled.server";

// The scheduler's door: POST with `Authorization: Bearer <CRON_SECRET>`. Unset, the door does not exist.
export const action = async ({ request }: ActionFunctionArgs) => {
  const secret = env().CRON_SECRET;
  if (!secret) return new Response("Not found", { status: 404 });
  const given = Buffer.from(request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "");
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return new Response("Unauthorized", { status: 401 });
  const pass = await runScheduledPayouts();
  return Response.json({
    ran: pass.ran,
    shops: pass.shops.map(({ shop, report, error }) => ({ shop, runId: report?.runId ?? null, outcome: report?.outcome ?? "failed", error })),
  });
};
