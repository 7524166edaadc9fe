import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import { fieldErrors } from "~/http/field-errors";
import { explainError } from "~/lib/explain-error.server";
import { formatZonedTime } from "~/lib/zoned-time";
import { getShopSettings } from "~/shops/shops.server";
import { cancelShowDeals, dealInput, planShowDeal, sendPlannedDeal, startDeal, stopDeal, type PlannedDealOutcome } from "./deals.server";
import { dealCodeInput, showDealInput } from "./show-input";
import { issuePreviewLink, revokePreviewLink } from "./preview-link.server";
import { archiveShow, attachLiveStream, changeShowHost, endShow, getShowStart, goPublic, revealStreamKey, rotateStreamKey, setProductPinned } from "./shows.server";

/** Everything the show page can ask for, one intent per button. */
export const showCommand = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reveal_key") }),
  z.object({ intent: z.literal("reset_key") }),
  z.object({ intent: z.literal("create_stream") }),
  z.object({ intent: z.literal("end_show") }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("pin"), showProductId: z.string().min(1) }),
  z.object({ intent: z.literal("unpin"), showProductId: z.string().min(1) }),
  dealInput.extend({ intent: z.literal("start_deal") }),
  z.object({ intent: z.literal("stop_deal"), dealId: z.string().optional() }),
  // The code is read with the form's rules when run, so a bad one is answered on its field.
  z.object({ intent: z.literal("retry_deal"), dealId: z.string().min(1), code: z.string().default("") }),
  // The deal section's fields as the show form posts them, read with the shop's currency when run.
  z.looseObject({ intent: z.literal("plan_deal") }),
  z.object({ intent: z.literal("set_host"), creatorId: z.string().default(""), hostName: z.string().default("") }),
  z.object({ intent: z.literal("new_preview_link") }),
  z.object({ intent: z.literal("revoke_preview_link") }),
  z.object({ intent: z.literal("go_public") }),
]);

export type ShowCommand = z.infer<typeof showCommand>;

export interface ShowCommandResult {
  ok: boolean;
  message?: string;
  streamKey?: string;
  errors?: Record<string, string>;
}

/** A show's deal ends with it, so no code outlives the broadcast; the show has ended either way. */
async function stopDealsAtTheEnd(admin: Pick<AdminApiContext, "graphql">, shop: string, showId: string): Promise<ShowCommandResult> {
  try {
    await cancelShowDeals(admin, shop, showId);
  } catch (error) {
    return { ok: false, message: `The show has ended, but its deal could not be stopped: ${explainError(error, { shop, showId, intent: "end_show" })}` };
  }
  return { ok: true, message: "The show has ended. The replay follows once the recording is ready." };
}

function plannedDealResult(outcome: PlannedDealOutcome): ShowCommandResult {
  if (outcome.ok) return { ok: true, message: "The deal's discount code is created in Shopify." };
  return { ok: false, message: outcome.message, errors: outcome.field ? { code: outcome.message } : {} };
}

/** Runs one command; a failure (Mux, Shopify, the app's own refusals) comes back as words for a banner, not a crash. */
export async function runShowCommand(
  { shop, admin }: { shop: string; admin: Pick<AdminApiContext, "graphql"> },
  showId: string,
  command: ShowCommand,
): Promise<ShowCommandResult> {
  try {
    switch (command.intent) {
      case "reveal_key":
        return { ok: true, streamKey: await revealStreamKey(shop, showId) };
      case "reset_key":
        return { ok: true, streamKey: await rotateStreamKey(shop, showId), message: "Stream key reset. Update it in your encoder." };
      case "create_stream": {
        const error = await attachLiveStream(shop, showId);
        return error ? { ok: false, message: error } : { ok: true, message: "Live stream created." };
      }
      case "end_show": {
        const state = await endShow(shop, showId);
        if (state.status !== "ended") return { ok: false, message: "This show is not live, so there is nothing to end." };
        return await stopDealsAtTheEnd(admin, shop, showId);
      }
      case "archive": {
        const state = await archiveShow(shop, showId);
        if (state.status !== "archived") return { ok: false, message: "End the show before archiving it." };
        await cancelShowDeals(admin, shop, showId);
        return { ok: true, message: "Show archived." };
      }
      case "pin":
      case "unpin": {
        const pin = await setProductPinned(shop, showId, command.showProductId, command.intent === "pin");
        return { ok: true, message: `${pin.title} ${pin.pinned ? "pinned" : "unpinned"}.` };
      }
      case "start_deal": {
        const [{ deal }, { timezone }] = await Promise.all([startDeal(admin, shop, showId, command), getShopSettings(shop)]);
        return { ok: true, message: `Deal ${deal.code} is on until ${formatZonedTime(deal.endsAt, timezone)}.` };
      }
      case "stop_deal": {
        const { deal, entry } = await stopDeal(admin, shop, showId, command.dealId);
        return { ok: true, message: entry ? `Deal ${deal.code} stopped.` : `Deal ${deal.code} cancelled.` };
      }
      case "retry_deal": {
        const code = dealCodeInput.safeParse(command.code);
        if (!code.success) return { ok: false, message: "Check the code and try again.", errors: { code: code.error.issues[0]!.message } };
        return plannedDealResult(await sendPlannedDeal(admin, shop, showId, command.dealId, code.data));
      }
      case "plan_deal": {
        const [{ currency, timezone }, show] = await Promise.all([getShopSettings(shop), getShowStart(shop, showId)]);
        const deal = showDealInput({ currency, timezone, now: new Date(), showStartsAt: show.startsAt });
        const parsed = deal.safeParse({ ...command, dealEnabled: "on" });
        if (!parsed.success) return { ok: false, message: "Check the deal and save again.", errors: fieldErrors(parsed.error) };
        return plannedDealResult(await planShowDeal(admin, shop, showId, parsed.data.deal!));
      }
      case "set_host":
        return await changeShowHost(shop, showId, command);
      case "new_preview_link":
        await issuePreviewLink(shop, showId);
        return { ok: true, message: "New preview link ready. The previous link no longer works." };
      case "revoke_preview_link":
        await revokePreviewLink(shop, showId);
        return { ok: true, message: "Preview link revoked. Nobody can open the show with it any more." };
      case "go_public": {
        const { onAir } = await goPublic(shop, showId);
        return { ok: true, message: onAir ? "Your show is public: shoppers can watch it now." : "Your show is public: shoppers see it on your storefront." };
      }
    }
  } catch (error) {
    // Shopify's library throws Responses (an expired token, re-authentication) that App Bridge acts on: explainError throws them on.
    return { ok: false, message: explainError(error, { shop, showId, intent: command.intent }) };
  }
}
