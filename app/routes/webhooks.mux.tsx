import type { ActionFunctionArgs } from "@remix-run/node";
import { badRequest } from "~/http/responses.server";
import { refusedWebhook } from "~/http/signed-webhook";
import { applyMuxEvent, findShowForMuxEvent, muxEvent } from "~/shows/stream-events.server";
import { readMuxWebhook } from "~/video/mux.server";
import { actOnce } from "~/webhooks/receipts.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const read = await readMuxWebhook(await request.text(), request.headers);
  if (!read.ok) return refusedWebhook(read);
  const parsed = muxEvent.safeParse(read.event);
  if (!parsed.success) return badRequest(`Mux event: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  const event = parsed.data;
  const show = await findShowForMuxEvent(event);
  if (!show) return new Response(null, { status: 200 });
  return actOnce({ source: "mux", eventId: event.id, topic: event.type, shop: show.shop }, () => applyMuxEvent(event, show));
};
