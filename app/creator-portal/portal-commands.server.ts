// What a signed-in creator can ask for from their portal's overview.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { env } from "~/env.server";
import { explainError } from "~/lib/explain-error.server";
import { PaymentsError } from "~/payments/stripe.server";
import { ConnectError, dashboardLink, onboardingLink } from "~/creators/connect.server";
import { revealHostedStreamKey } from "./portal.server";
import type { PortalCreator } from "~/creators/portal-session.server";

export const portalCommand = z.discriminatedUnion("intent", [
  // A show id as the app makes them: PostgreSQL refuses a NUL byte in a query with an error, not an empty answer.
  z.object({ intent: z.literal("reveal_stream_key"), showId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "That is not a show of yours") }),
  z.object({ intent: z.literal("stripe_onboarding") }),
  z.object({ intent: z.literal("stripe_dashboard") }),
]);

export interface PortalCommandResult {
  ok: boolean;
  intent: string;
  message: string;
  showId?: string;
  streamKey?: string;
}

export function portalUrl(path: string): string {
  return new URL(path, env().SHOPIFY_APP_URL).toString();
}

/** Answers with data for the page, or a redirect to Stripe (onboarding, Express dashboard). */
export async function runPortalCommand(creator: PortalCreator, command: z.output<typeof portalCommand>): Promise<PortalCommandResult | Response> {
  try {
    switch (command.intent) {
      case "reveal_stream_key": {
        const result = await revealHostedStreamKey(creator, command.showId);
        return result.ok
          ? { ok: true, intent: command.intent, showId: command.showId, streamKey: result.streamKey, message: "Keep this key secret: anyone with it can broadcast as the show." }
          : { ok: false, intent: command.intent, showId: command.showId, message: result.message };
      }
      case "stripe_onboarding":
        return redirect(
          await onboardingLink(creator.shop, creator.id, { returnUrl: portalUrl("/creator/stripe/return"), refreshUrl: portalUrl("/creator/stripe/refresh") }),
        );
      case "stripe_dashboard":
        return redirect(await dashboardLink(creator.shop, creator.id));
    }
  } catch (error) {
    if (error instanceof PaymentsError || error instanceof ConnectError) {
      return { ok: false, intent: command.intent, message: explainError(error, { shop: creator.shop, creatorId: creator.id, intent: command.intent }) };
    }
    throw error;
  }
}
