// GET /app/shows/:id/stream-ticket — the show page's pass to its live stream. The session token
// rides on this request (App Bridge adds it to fetch); an EventSource cannot carry it, so the page
// opens the stream with the short-lived ticket this answers (app/realtime/admin-ticket.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { issueAdminStreamTicket } from "~/analytics/control-room-stream.server";
import { notFound } from "~/http/responses.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ticket = await issueAdminStreamTicket(session.shop, params.id ?? "");
  if (!ticket) return notFound("This show does not exist in your shop.");
  return Response.json(ticket, { headers: { "Cache-Control": "no-store" } });
};
