// The link in a reminder's confirmation email carries a token signed with APP_SECRET
// (app/lib/signed-token.ts): nobody can confirm an address without the email sent to it, and an old email
// stops working after a day. Nothing is stored for it; the reminder row is the state.
import { signToken, verifyToken } from "~/lib/signed-token";

/** How long a confirmation link works. An address never confirmed is forgotten after that. */
export const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000;

export type ConfirmationTokenCheck =
  | { ok: true; reminderId: string }
  /** reminderId only when the signature is genuine (an expired link still names its reminder, for its language). */
  | { ok: false; reason: "invalid" | "expired"; reminderId?: string };

export function signConfirmationToken(secret: string, reminderId: string, expiresAt: Date): string {
  return signToken(secret, "reminder-confirmation", { reminderId }, expiresAt);
}

export function verifyConfirmationToken(secret: string, token: string | null | undefined, now = new Date()): ConfirmationTokenCheck {
  const check = verifyToken<{ reminderId: string }>(secret, "reminder-confirmation", token, now);
  if (check.ok) return { ok: true, reminderId: check.claims.reminderId };
  return check.reason === "expired" && check.claims ? { ok: false, reason: "expired", reminderId: check.claims.reminderId } : { ok: false, reason: "invalid" };
}
