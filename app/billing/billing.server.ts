import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { formatMoney, parseMinorUnits } from "~/lib/money";
import { formatZonedDate } from "~/lib/zoned-time";
import prisma from "~/db.server";
import { billingIsTest, env } from "~/env.server";
import { ACTIVE_SUBSCRIPTIONS, type ActiveSubscriptionsResult } from "~/graphql/billing";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { unauthenticated, type authenticate } from "~/shopify.server";
import { getShopSettings } from "~/shops/shops.server";
import { BILLING_PERIOD_DAYS, PLAN } from "~/shopify/app-plan";
import { log } from "~/lib/log.server";

/** The billing API of an authenticated admin request (shopify-app-remix's `billing`). */
export type AdminBilling = Awaited<ReturnType<typeof authenticate.admin>>["billing"];

const DAY_MS = 86_400_000;

export interface ActivePlan {
  subscriptionId: string;
  name: string;
  test: boolean;
  trialEndsAt: Date | null;
  periodEndsAt: Date | null;
  /** The usage line item that shows are charged to, with this period's balance. */
  usage: { lineItemId: string; usedMinor: number; capMinor: number; currency: string } | null;
}

/** Money as shopify-api hands it over (a number) or as the Admin API sends it (a decimal string). */
interface MoneyLike {
  amount: number | string;
  currencyCode: string;
}

/** What both billing.check and ACTIVE_SUBSCRIPTIONS say about a subscription. */
type SubscriptionLike = Omit<ActiveSubscriptionsResult["currentAppInstallation"]["activeSubscriptions"][number], "lineItems"> & {
  lineItems: { id: string; plan: { pricingDetails: object } }[];
};

function isTest(): boolean {
  return billingIsTest(env());
}

/** String() of shopify-api's number gives back the decimal Shopify sent: no floating-point arithmetic. */
function minorOf(money: MoneyLike): number {
  return parseMinorUnits(String(money.amount), money.currencyCode);
}

function usagePricing(details: object): { balanceUsed: MoneyLike; cappedAmount: MoneyLike } | null {
  return "balanceUsed" in details && "cappedAmount" in details ? (details as { balanceUsed: MoneyLike; cappedAmount: MoneyLike }) : null;
}

/** The plan among the shop's active subscriptions; a test subscription counts only while charges are tests. */
function activePlanOf(subscriptions: SubscriptionLike[]): ActivePlan | null {
  const subscription = subscriptions.find((candidate) => candidate.status === "ACTIVE" && candidate.name === PLAN.name && (isTest() || !candidate.test));
  if (!subscription) return null;
  const usageItem = subscription.lineItems.find((item) => usagePricing(item.plan.pricingDetails));
  const usage = usageItem ? usagePricing(usageItem.plan.pricingDetails) : null;
  return {
    subscriptionId: subscription.id,
    name: subscription.name,
    test: subscription.test,
    trialEndsAt: subscription.trialDays > 0 ? new Date(Date.parse(subscription.createdAt) + subscription.trialDays * DAY_MS) : null,
    periodEndsAt: subscription.currentPeriodEnd ? new Date(subscription.currentPeriodEnd) : null,
    usage:
      usageItem && usage
        ? { lineItemId: usageItem.id, usedMinor: minorOf(usage.balanceUsed), capMinor: minorOf(usage.cappedAmount), currency: usage.cappedAmount.currencyCode }
        : null,
  };
}

/** The shop's active plan as Shopify knows it, through the shop's offline session (no request needed). */
export async function findActivePlan(shop: string, admin?: AdminApiContext): Promise<ActivePlan | null> {
  const client = admin ?? (await unauthenticated.admin(shop)).admin;
  const { currentAppInstallation } = await runAdmin(client, shop, ACTIVE_SUBSCRIPTIONS);
  return activePlanOf(currentAppInstallation.activeSubscriptions);
}

/**
 * Whether a public show of this shop may go on air. When Shopify cannot be asked, yes: an
 * outage on Shopify's side must not keep a merchant's audience waiting, and the show's usage
 * charge is settled (or found unbillable) once Shopify answers again.
 */
export async function mayGoOnAir(shop: string): Promise<boolean> {
  try {
    return (await findActivePlan(shop)) !== null;
  } catch (error) {
    log.warn(`[billing] ${shop}: could not read the plan from Shopify, letting the show go live: ${(error as Error).message}`);
    return true;
  }
}

/** For an admin page: whether the shop has a plan, from the request's own billing API. */
export async function activePlanForAdmin(billing: AdminBilling): Promise<ActivePlan | null> {
  return activePlanOf((await billing.check({ plans: [PLAN.name], isTest: isTest() })).appSubscriptions);
}

/**
 * The control room's question before a public show is on air: will it need a plan to go live?
 * A Shopify hiccup leaves the warning out rather than the control room unusable.
 */
export async function goingLiveNeedsPlan(billing: AdminBilling, show: { mode: string; status: string }): Promise<boolean> {
  if (show.mode !== "public" || (show.status !== "draft" && show.status !== "scheduled")) return false;
  try {
    return (await activePlanForAdmin(billing)) === null;
  } catch (error) {
    // The library throws Responses (re-authentication) that App Bridge must act on.
    if (error instanceof Response) throw error;
    log.warn(`[billing] could not read the plan from Shopify for the control room: ${(error as Error).message}`);
    return false;
  }
}

export interface PlanPage {
  prices: { recurring: string; perShow: string; cap: string; trialDays: number; periodDays: number };
  plan: {
    subscriptionId: string;
    test: boolean;
    trialDaysLeft: number;
    /** The period's last day in the shop's timezone ("Jan 6, 2027"), or null when Shopify gave none. */
    periodEndsLabel: string | null;
    showsAired: number;
    /** This period's usage ("15.00 USD") and its cap ("200.00 USD"). */
    used: string;
    cap: string;
    usedMinor: number;
    capMinor: number;
    capReached: boolean;
  } | null;
  /** Charges Shopify has not confirmed yet; they are retried. */
  pendingCharges: number;
  /** After the merchant answered Shopify's confirmation page (`charge_id` in the URL). */
  returned: "approved" | "not_approved" | null;
}

export async function getPlanPage(billing: AdminBilling, shop: string, { returnedFromShopify }: { returnedFromShopify: boolean }, now = new Date()): Promise<PlanPage> {
  const plan = await activePlanForAdmin(billing);
  const prices = {
    recurring: formatMoney(PLAN.recurringMinor, PLAN.currency),
    perShow: formatMoney(PLAN.perShowMinor, PLAN.currency),
    cap: formatMoney(PLAN.usageCapMinor, PLAN.currency),
    trialDays: PLAN.trialDays,
    periodDays: BILLING_PERIOD_DAYS,
  };
  const pendingCharges = await prisma.showUsageCharge.count({ where: { shop, status: "pending" } });
  const returned = returnedFromShopify ? (plan ? "approved" : "not_approved") : null;
  if (!plan) return { prices, plan: null, pendingCharges, returned };

  const periodStart = plan.periodEndsAt ? new Date(plan.periodEndsAt.getTime() - BILLING_PERIOD_DAYS * DAY_MS) : new Date(0);
  const [showsAired, capped, { timezone }] = await Promise.all([
    prisma.showUsageCharge.count({ where: { shop, createdAt: { gte: periodStart }, status: { not: "not_billed" } } }),
    prisma.showUsageCharge.count({ where: { shop, createdAt: { gte: periodStart }, status: "capped" } }),
    getShopSettings(shop),
  ]);
  const usage = plan.usage ?? { usedMinor: 0, capMinor: PLAN.usageCapMinor, currency: PLAN.currency };
  return {
    prices,
    pendingCharges,
    returned,
    plan: {
      subscriptionId: plan.subscriptionId,
      test: plan.test,
      trialDaysLeft: plan.trialEndsAt ? Math.max(0, Math.ceil((plan.trialEndsAt.getTime() - now.getTime()) / DAY_MS)) : 0,
      periodEndsLabel: plan.periodEndsAt ? formatZonedDate(plan.periodEndsAt, timezone) : null,
      showsAired,
      used: formatMoney(usage.usedMinor, usage.currency),
      cap: formatMoney(usage.capMinor, usage.currency),
      usedMinor: usage.usedMinor,
      capMinor: usage.capMinor,
      capReached: capped > 0 || usage.usedMinor + PLAN.perShowMinor > usage.capMinor,
    },
  };
}

/**
 * Where Shopify sends the merchant after the confirmation page: the plan page inside the
 * admin, so the app opens embedded again.
 */
function planReturnUrl(shop: string): string {
  return `https://admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${env().SHOPIFY_API_KEY}/app/plan`;
}

/** Asks Shopify for the subscription; the library answers with the way out to its confirmation page. */
export async function requestPlan(billing: AdminBilling, shop: string): Promise<never> {
  return billing.request({ plan: PLAN.name, isTest: isTest(), returnUrl: planReturnUrl(shop) });
}

/** Cancels the shop's own active subscription; an id that is not one of them is refused. */
export async function cancelPlan(billing: AdminBilling, subscriptionId: string): Promise<{ ok: boolean; message: string }> {
  const plan = await activePlanForAdmin(billing);
  if (!plan || plan.subscriptionId !== subscriptionId) {
    return { ok: false, message: "That plan is not active in your shop (it may already be cancelled). Reload the page to see your current plan." };
  }
  await billing.cancel({ subscriptionId, isTest: isTest(), prorate: true });
  return { ok: true, message: "Your plan is cancelled. You can still rehearse; going live in public needs a plan." };
}
