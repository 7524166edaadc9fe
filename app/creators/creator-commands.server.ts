// Everything the merchant's creator page can ask for, one intent per button or form.
import { z } from "zod";
import { explainError } from "~/lib/explain-error.server";
import { PaymentsError } from "~/payments/stripe.server";
import { fieldErrors } from "~/http/field-errors";
import { creatorProfileInput, showAssignmentInput } from "./creator-input";
import { refreshCreatorAccount } from "./connect.server";
import { assignShow, creatorExists, sendInvitation, setCreatorActive, unassignShow, updateCreatorProfile } from "./creators.server";

const intents = ["update_profile", "resend_invitation", "deactivate", "reactivate", "assign_show", "unassign_show", "refresh_stripe"] as const;

export const creatorCommand = z.discriminatedUnion("intent", [
  creatorProfileInput.extend({ intent: z.literal("update_profile") }),
  z.object({ intent: z.literal("resend_invitation") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  showAssignmentInput.extend({ intent: z.literal("assign_show") }),
  z.object({ intent: z.literal("unassign_show"), showId: z.string().min(1) }),
  z.object({ intent: z.literal("refresh_stripe") }),
]);

export type CreatorCommand = z.output<typeof creatorCommand>;

export interface CreatorCommandResult {
  ok: boolean;
  intent: (typeof intents)[number] | null;
  message: string;
  errors: Record<string, string>;
}

export function parseCreatorCommand(form: Record<string, FormDataEntryValue>): { command: CreatorCommand } | { result: CreatorCommandResult } {
  const parsed = creatorCommand.safeParse(form);
  if (parsed.success) return { command: parsed.data };
  const intent = intents.find((candidate) => candidate === form.intent) ?? null;
  return { result: { ok: false, intent, message: "Check the highlighted fields.", errors: fieldErrors(parsed.error) } };
}

/**
 * Runs one command on one of the shop's creators; null when the shop has no such creator (the
 * page answers 404, as its loader does), whichever command was asked for.
 */
export async function runCreatorCommand(shop: string, creatorId: string, command: CreatorCommand): Promise<CreatorCommandResult | null> {
  if (!(await creatorExists(shop, creatorId))) return null;
  const done = (ok: boolean, message: string): CreatorCommandResult => ({ ok, intent: command.intent, message, errors: {} });
  switch (command.intent) {
    case "update_profile":
      return (await updateCreatorProfile(shop, creatorId, command)) ? done(true, "Profile saved.") : done(false, "This creator does not exist in your shop.");
    case "resend_invitation": {
      const mailError = await sendInvitation(shop, creatorId);
      return mailError ? done(false, mailError) : done(true, "A new sign-in link is on its way. Earlier unused links still work until they expire.");
    }
    case "deactivate":
      return (await setCreatorActive(shop, creatorId, false))
        ? done(true, "Deactivated. They can no longer sign in or be given shows; what they already earned is still paid out.")
        : done(false, "This creator does not exist in your shop.");
    case "reactivate":
      return (await setCreatorActive(shop, creatorId, true)) ? done(true, "Reactivated. Send them a new sign-in link if they need one.") : done(false, "This creator does not exist in your shop.");
    case "assign_show": {
      const result = await assignShow(shop, creatorId, command);
      return done(result.ok, result.message);
    }
    case "unassign_show": {
      const result = await unassignShow(shop, creatorId, command.showId);
      return done(result.ok, result.message);
    }
    case "refresh_stripe":
      try {
        await refreshCreatorAccount(shop, creatorId);
        return done(true, "Payout status read from Stripe.");
      } catch (error) {
        if (error instanceof PaymentsError) return done(false, explainError(error, { shop, creatorId, intent: command.intent }));
        throw error;
      }
  }
}
