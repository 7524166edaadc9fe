import { z } from "zod";
import { releasePlanHolds } from "./stream-events.server";
import { activePlanForAdmin, cancelPlan, getPlanPage, requestPlan, type AdminBilling, type PlanPage } from "~/billing/billing.server";
import { settlePendingCharges } from "~/billing/usage-charges.server";

/**
 * The plan page. It lives with shows, not billing, because approving a plan releases the shows
 * held off air for want of one: shows know billing, billing knows no show. Opening it settles charges Shopify has not confirmed yet; coming back from
 * Shopify's confirmation page with a plan puts on air any show whose encoder was waiting for one.
 */
export async function loadPlanPage(billing: AdminBilling, shop: string, url: URL): Promise<PlanPage> {
  const returnedFromShopify = url.searchParams.has("charge_id");
  if (returnedFromShopify && (await activePlanForAdmin(billing))) await releasePlanHolds(shop);
  await settlePendingCharges(shop);
  return getPlanPage(billing, shop, { returnedFromShopify });
}

export const planCommand = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("choose") }),
  z.object({ intent: z.literal("cancel"), subscriptionId: z.string().regex(/^gid:\/\/shopify\/AppSubscription\/\d+/, "Which plan to cancel is missing") }),
]);

/** "Choose plan" leaves the app for Shopify's confirmation page (the library throws that redirect). */
export async function runPlanCommand(billing: AdminBilling, shop: string, command: z.infer<typeof planCommand>) {
  if (command.intent === "choose") return requestPlan(billing, shop);
  return cancelPlan(billing, command.subscriptionId);
}
