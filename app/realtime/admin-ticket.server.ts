import { signToken, verifyToken } from "~/lib/signed-token";

/**
 * A ticket to one show's admin stream. The embedded admin proves who it is with a session token
 * in a header, which an EventSource cannot send: an authenticated request hands out this ticket,
 * bound to the shop and the show and good for a few minutes, and the stream's URL carries it.
 * Signed with APP_SECRET (app/lib/signed-token.ts) under its own purpose, so no other token passes.
 */
export const ADMIN_TICKET_TTL_MS = 5 * 60_000;

export function signAdminTicket(secret: string, shop: string, showId: string, expiresAt: Date): string {
  return signToken(secret, "admin-stream", { shop, showId }, expiresAt);
}

export type AdminTicketCheck = { ok: true } | { ok: false; reason: string };

export function checkAdminTicket(secret: string, ticket: string | null, shop: string, showId: string, now = new Date()): AdminTicketCheck {
  if (!ticket) return { ok: false, reason: "No ticket: the show page asks for one before it opens the stream" };
  const check = verifyToken<{ shop: string; showId: string }>(secret, "admin-stream", ticket, now);
  if (!check.ok) return { ok: false, reason: check.reason === "expired" ? "The ticket has expired: ask the show page for a new one" : "The ticket is not genuine" };
  if (check.claims.shop !== shop || check.claims.showId !== showId) return { ok: false, reason: "The ticket is for another shop or show" };
  return { ok: true };
}
