import type { ActionFunctionArgs } from "@remix-run/node";
import { badRequest } from "~/http/responses.server";
import { applyMuxEvent, findShowForMuxEvent, muxEvent } from "~/shows/stream-events.server";
import { verifyMuxWebhook } from "~/video/mux.server";
import { actOnce } from "~/webhooks/receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const rawBody = await request.text();
  let unverified: unknown;
  try {
    unverified = await verifyMuxWebhook(rawBody, request.headers);
  } catch {
    return new Response("Invalid mux-signature", { status: 401 });
  }
  const parsed = muxEvent.safeParse(unverified);
  if (!parsed.success) return badRequest(`Mux event: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  const event = parsed.data;
  const show = await findShowForMuxEvent(event);
  if (!show) return new Response(null, { status: 200 });
  return actOnce({ source: "mux", eventId: event.id, topic: event.type, shop: show.shop }, () => applyMuxEvent(event, show));
};
