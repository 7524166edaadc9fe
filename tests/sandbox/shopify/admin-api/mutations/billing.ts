// appSubscriptionCreate, appSubscriptionCancel and appUsageRecordCreate: the app charging the
// merchant. Billing needs no access scope, only an installed app. Inputs are checked the way
// Shopify reports problems (userErrors with field paths); a discount on the recurring price is
// refused by name rather than ignored.
import { kindOf } from "../../ids";
import { fromDecimalString } from "../../money";
import { SandboxError } from "../../state";
import { UsageRecordRefusal, type AppPlanInput } from "../../billing";
import { internalError } from "../../holds";
import type { AdminContext } from "../context";
import { assertGid } from "../query-root";
import { NotImplementedError } from "../strict-resolver";
import { appSubscriptionView, confirmationUrl, usageRecordView } from "../views/billing";

type Args = Record<string, unknown>;

interface UserError {
  field: string[] | null;
  message: string;
}

interface MoneyInput {
  amount?: string | number | null;
  currencyCode?: string | null;
}

interface LineItemInput {
  plan?: {
    appRecurringPricingDetails?: { price?: MoneyInput | null; interval?: "EVERY_30_DAYS" | "ANNUAL" | null; discount?: unknown } | null;
    appUsagePricingDetails?: { cappedAmount?: MoneyInput | null; terms?: string | null } | null;
  } | null;
}

export function appSubscriptionCreate(args: Args, context: AdminContext) {
  const errors: UserError[] = [];
  const error = (field: string[], message: string) => errors.push({ field, message });
  const name = typeof args.name === "string" ? args.name.trim() : "";
  if (!name) error(["name"], "Name can't be blank");
  const returnUrl = String(args.returnUrl ?? "");
  if (!/^https?:\/\/[^\s/]+/.test(returnUrl)) error(["returnUrl"], "Return url is invalid");
  const trialDays = args.trialDays === undefined || args.trialDays === null ? 0 : Number(args.trialDays);
  if (!Number.isInteger(trialDays) || trialDays < 0) error(["trialDays"], "Trial days must be greater than or equal to 0");

  const plan: AppPlanInput = { name, test: args.test === true, trialDays, returnUrl, currency: "" };
  const currencies = new Set<string>();
  const lineItems = (args.lineItems as LineItemInput[] | undefined) ?? [];
  if (lineItems.length === 0) error(["lineItems"], "Line items can't be blank");
  lineItems.forEach((item, index) => {
    const field = (...rest: string[]) => ["lineItems", String(index), "plan", ...rest];
    const recurring = item.plan?.appRecurringPricingDetails;
    const usage = item.plan?.appUsagePricingDetails;
    if (Boolean(recurring) === Boolean(usage)) return error(field(), "A line item needs exactly one of appRecurringPricingDetails or appUsagePricingDetails");
    if (recurring) {
      if (recurring.discount) throw new NotImplementedError("AppRecurringPricingInput.discount");
      if (plan.recurring) return error(field("appRecurringPricingDetails"), "A subscription can have only one recurring line item");
      const price = moneyOf(recurring.price, field("appRecurringPricingDetails", "price"), error, currencies);
      if (price !== undefined) plan.recurring = { price, interval: recurring.interval ?? "EVERY_30_DAYS" };
      return;
    }
    if (usage) {
      if (plan.usage) return error(field("appUsagePricingDetails"), "A subscription can have only one usage line item");
      const terms = usage.terms?.trim() ?? "";
      if (!terms) error(field("appUsagePricingDetails", "terms"), "Terms can't be blank");
      const cappedAmount = moneyOf(usage.cappedAmount, field("appUsagePricingDetails", "cappedAmount"), error, currencies);
      if (cappedAmount !== undefined && terms) plan.usage = { cappedAmount, terms };
    }
  });
  if (currencies.size > 1) error(["lineItems"], "All line items must have the same currency");

  if (errors.length > 0) return { appSubscription: null, confirmationUrl: null, userErrors: errors };
  plan.currency = [...currencies][0] ?? "USD";
  const subscription = context.state.billing.create(context.shop.domain, plan);
  return { appSubscription: appSubscriptionView(context, subscription), confirmationUrl: confirmationUrl(context, subscription), userErrors: [] };
}

export function appSubscriptionCancel({ id }: Args, context: AdminContext) {
  const gid = assertGid(id);
  const subscription = kindOf(gid) === "AppSubscription" ? context.state.billing.find(context.shop.domain, gid) : undefined;
  if (!subscription) return { appSubscription: null, userErrors: [{ field: ["id"], message: "Couldn't find RecurringApplicationCharge" }] };
  try {
    context.state.billing.cancel(context.shop.domain, gid);
  } catch (problem) {
    if (!(problem instanceof SandboxError)) throw problem;
    return { appSubscription: null, userErrors: [{ field: ["id"], message: problem.message }] };
  }
  return { appSubscription: appSubscriptionView(context, subscription), userErrors: [] };
}

export function appUsageRecordCreate(args: Args, context: AdminContext) {
  const { billing } = context.state;
  const fault = billing.takeUsageFault();
  if (fault === "before") throw internalError();
  const price = args.price as MoneyInput;
  const lineItemId = assertGid(args.subscriptionLineItemId);
  let minor: number;
  try {
    minor = fromDecimalString(price.amount ?? "", price.currencyCode ?? "USD");
  } catch (problem) {
    return { appUsageRecord: null, userErrors: [{ field: ["price", "amount"], message: (problem as Error).message }] };
  }
  try {
    const { record, subscription, lineItem } = billing.createUsageRecord(context.shop.domain, {
      lineItemId,
      description: String(args.description ?? ""),
      price: minor,
      currency: price.currencyCode ?? "",
      idempotencyKey: typeof args.idempotencyKey === "string" ? args.idempotencyKey : null,
    });
    if (fault === "after") throw internalError();
    return { appUsageRecord: usageRecordView(context, subscription, lineItem, record), userErrors: [] };
  } catch (problem) {
    if (!(problem instanceof UsageRecordRefusal)) throw problem;
    return { appUsageRecord: null, userErrors: [{ field: problem.field, message: problem.message }] };
  }
}

function moneyOf(money: MoneyInput | null | undefined, field: string[], error: (field: string[], message: string) => void, currencies: Set<string>): number | undefined {
  const currency = money?.currencyCode ?? "";
  if (!money || money.amount === undefined || money.amount === null) {
    error([...field, "amount"], "Amount can't be blank");
    return undefined;
  }
  let minor: number;
  try {
    minor = fromDecimalString(money.amount, currency);
  } catch (problem) {
    error([...field, "amount"], (problem as Error).message);
    return undefined;
  }
  if (minor <= 0) {
    error([...field, "amount"], "Amount must be greater than 0");
    return undefined;
  }
  currencies.add(currency);
  return minor;
}
