import { timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";

/**
 * The check at every scheduler's door (`/jobs/*`): POST with `Authorization: Bearer <CRON_SECRET>`.
 * Answers the response that turns the caller away, or null when the scheduler may come in.
 * Unset, the doors do not exist, so a deployment without a scheduler exposes nothing.
 */
export function refuseUnlessScheduler(request: Request): Response | null {
  const secret = env().CRON_SECRET;
  if (!secret) return new Response("Not found", { status: 404 });
  const given = Buffer.from(request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "");
  const expected = Buffer.from(secret);
  // timingSafeEqual throws on inputs of different lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return new Response("Unauthorized", { status: 401 });
  return null;
}
