// The app's own charges to the merchant (Shopify's Billing API): app subscriptions with a
// recurring and a usage line item, the merchant's approval, usage records against the capped
// amount, cancellation. Money is integer minor units; a subscription is one currency.
// Shopify's rules the sandbox keeps: a subscription is PENDING until the merchant approves it on
// the confirmation page; approving one cancels the app's other active subscription; usage in a
// 30-day period never passes the cap ("Total price exceeds balance remaining"); the same
// idempotency key on a line item answers the first record and charges nothing more.
import type { IdSequence } from "./ids";
import { sameId } from "./ids";
import { SandboxError } from "./state";

export type AppSubscriptionStatus = "PENDING" | "ACTIVE" | "DECLINED" | "CANCELLED" | "EXPIRED" | "FROZEN" | "ACCEPTED";

export interface SandboxUsageRecord {
  id: string;
  description: string;
  price: number;
  idempotencyKey: string | null;
  createdAt: string;
}

export type SandboxSubscriptionLineItem =
  | { id: string; kind: "recurring"; price: number; interval: "EVERY_30_DAYS" | "ANNUAL" }
  | { id: string; kind: "usage"; cappedAmount: number; terms: string; records: SandboxUsageRecord[] };

export interface SandboxAppSubscription {
  id: string;
  shop: string;
  name: string;
  status: AppSubscriptionStatus;
  test: boolean;
  trialDays: number;
  returnUrl: string;
  currency: string;
  createdAt: string;
  activatedAt: string | null;
  lineItems: SandboxSubscriptionLineItem[];
}

/** What a merchant is asked to approve; also what a shop can be given as already approved. */
export interface AppPlanInput {
  name: string;
  test: boolean;
  trialDays?: number;
  returnUrl?: string;
  currency: string;
  recurring?: { price: number; interval?: "EVERY_30_DAYS" | "ANNUAL" };
  usage?: { cappedAmount: number; terms: string };
}

export const BILLING_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

export class UsageRecordRefusal extends Error {
  constructor(
    message: string,
    readonly field: string[],
  ) {
    super(message);
    this.name = "UsageRecordRefusal";
  }
}

export class SandboxBilling {
  private readonly subscriptions: SandboxAppSubscription[] = [];
  private usageFaults: ("before" | "after")[] = [];

  constructor(
    private readonly ids: IdSequence,
    private readonly stamp: () => string,
    private readonly now: () => Date,
  ) {}

  create(shop: string, plan: AppPlanInput): SandboxAppSubscription {
    const lineItems: SandboxSubscriptionLineItem[] = [];
    if (plan.recurring) {
      lineItems.push({ id: this.ids.take("AppSubscriptionLineItem"), kind: "recurring", price: plan.recurring.price, interval: plan.recurring.interval ?? "EVERY_30_DAYS" });
    }
    if (plan.usage) {
      lineItems.push({ id: this.ids.take("AppSubscriptionLineItem"), kind: "usage", cappedAmount: plan.usage.cappedAmount, terms: plan.usage.terms, records: [] });
    }
    if (lineItems.length === 0) throw new SandboxError("A subscription needs a recurring or a usage line item");
    const subscription: SandboxAppSubscription = {
      id: this.ids.take("AppSubscription"),
      shop,
      name: plan.name,
      status: "PENDING",
      test: plan.test,
      trialDays: plan.trialDays ?? 0,
      returnUrl: plan.returnUrl ?? `https://${shop}/admin/apps`,
      currency: plan.currency,
      createdAt: this.stamp(),
      activatedAt: null,
      lineItems,
    };
    this.subscriptions.push(subscription);
    return subscription;
  }

  /** A merchant who accepted the plan when installing: the subscription is active from now. */
  grant(shop: string, plan: AppPlanInput): SandboxAppSubscription {
    return this.approve(shop, this.create(shop, plan).id);
  }

  /** The merchant's "Approve" on the confirmation page; the app's other active subscription ends. */
  approve(shop: string, subscriptionId: string): SandboxAppSubscription {
    const subscription = this.pending(shop, subscriptionId);
    for (const other of this.ofShop(shop)) if (other.status === "ACTIVE") other.status = "CANCELLED";
    subscription.status = "ACTIVE";
    subscription.activatedAt = this.stamp();
    return subscription;
  }

  decline(shop: string, subscriptionId: string): SandboxAppSubscription {
    const subscription = this.pending(shop, subscriptionId);
    subscription.status = "DECLINED";
    return subscription;
  }

  cancel(shop: string, subscriptionId: string): SandboxAppSubscription {
    const subscription = this.find(shop, subscriptionId);
    if (!subscription) throw new SandboxError(`Unknown app subscription ${subscriptionId} in ${shop}`, "NOT_FOUND");
    if (subscription.status !== "ACTIVE" && subscription.status !== "PENDING") {
      throw new SandboxError(`The subscription is ${subscription.status.toLowerCase()}, so it cannot be cancelled`);
    }
    subscription.status = "CANCELLED";
    return subscription;
  }

  /** Uninstalling ends every subscription the app had in the shop. */
  cancelAll(shop: string): void {
    for (const subscription of this.ofShop(shop)) {
      if (subscription.status === "ACTIVE" || subscription.status === "PENDING") subscription.status = "CANCELLED";
    }
  }

  /** Only the shop's own subscriptions are found: another shop's id is unknown here. */
  find(shop: string, subscriptionId: string): SandboxAppSubscription | undefined {
    return this.ofShop(shop).find((subscription) => sameId(subscription.id, subscriptionId));
  }

  ofShop(shop: string): SandboxAppSubscription[] {
    return this.subscriptions.filter((subscription) => subscription.shop === shop);
  }

  active(shop: string): SandboxAppSubscription[] {
    return this.ofShop(shop).filter((subscription) => subscription.status === "ACTIVE");
  }

  findLineItem(shop: string, lineItemId: string): { subscription: SandboxAppSubscription; lineItem: SandboxSubscriptionLineItem } | undefined {
    for (const subscription of this.ofShop(shop)) {
      const lineItem = subscription.lineItems.find((candidate) => sameId(candidate.id, lineItemId));
      if (lineItem) return { subscription, lineItem };
    }
    return undefined;
  }

  /**
   * Charges one usage record. Refusals carry Shopify's user-error message; the same
   * idempotency key answers the record it first created, whatever else the call says.
   */
  createUsageRecord(
    shop: string,
    input: { lineItemId: string; description: string; price: number; currency: string; idempotencyKey?: string | null },
  ): { record: SandboxUsageRecord; subscription: SandboxAppSubscription; lineItem: Extract<SandboxSubscriptionLineItem, { kind: "usage" }> } {
    const found = this.findLineItem(shop, input.lineItemId);
    if (!found) throw new UsageRecordRefusal("Subscription line item not found", ["subscriptionLineItemId"]);
    const { subscription, lineItem } = found;
    if (lineItem.kind !== "usage") throw new UsageRecordRefusal("Subscription line item must have a usage pricing plan", ["subscriptionLineItemId"]);
    const key = input.idempotencyKey ?? null;
    if (key !== null && key.length > 255) throw new UsageRecordRefusal("Idempotency key is too long (maximum is 255 characters)", ["idempotencyKey"]);
    const earlier = key === null ? undefined : lineItem.records.find((record) => record.idempotencyKey === key);
    if (earlier) return { record: earlier, subscription, lineItem };
    if (subscription.status !== "ACTIVE") throw new UsageRecordRefusal("The app subscription is not active", ["subscriptionLineItemId"]);
    if (input.currency !== subscription.currency) {
      throw new UsageRecordRefusal(`Price currency must be the same as the subscription's (${subscription.currency})`, ["price", "currencyCode"]);
    }
    if (!input.description.trim()) throw new UsageRecordRefusal("Description can't be blank", ["description"]);
    if (!(input.price > 0)) throw new UsageRecordRefusal("Price must be greater than 0", ["price"]);
    if (this.balanceUsed(subscription, lineItem) + input.price > lineItem.cappedAmount) {
      throw new UsageRecordRefusal("Total price exceeds balance remaining", ["price"]);
    }
    const record: SandboxUsageRecord = { id: this.ids.take("AppUsageRecord"), description: input.description, price: input.price, idempotencyKey: key, createdAt: this.stamp() };
    lineItem.records.push(record);
    return { record, subscription, lineItem };
  }

  /** Usage charged in the subscription's current 30-day period. */
  balanceUsed(subscription: SandboxAppSubscription, lineItem: Extract<SandboxSubscriptionLineItem, { kind: "usage" }>): number {
    const start = this.currentPeriodStart(subscription);
    return lineItem.records.filter((record) => start !== null && Date.parse(record.createdAt) >= start).reduce((sum, record) => sum + record.price, 0);
  }

  currentPeriodEnd(subscription: SandboxAppSubscription): string | null {
    const start = this.currentPeriodStart(subscription);
    return start === null ? null : new Date(start + BILLING_PERIOD_MS).toISOString();
  }

  /**
   * Makes the next `count` usage-record calls fail with an internal error: "before" charges
   * nothing, "after" charges and then loses the answer, as a timeout after Shopify acted would.
   */
  failNextUsageRecords(count: number, when: "before" | "after" = "before"): void {
    this.usageFaults = Array.from({ length: Math.max(0, Math.floor(count)) }, () => when);
  }

  takeUsageFault(): "before" | "after" | undefined {
    return this.usageFaults.shift();
  }

  private currentPeriodStart(subscription: SandboxAppSubscription): number | null {
    if (subscription.status !== "ACTIVE" || subscription.activatedAt === null) return null;
    const activated = Date.parse(subscription.activatedAt);
    const periods = Math.max(0, Math.floor((this.now().getTime() - activated) / BILLING_PERIOD_MS));
    return activated + periods * BILLING_PERIOD_MS;
  }

  private pending(shop: string, subscriptionId: string): SandboxAppSubscription {
    const subscription = this.find(shop, subscriptionId);
    if (!subscription) throw new SandboxError(`Unknown app subscription ${subscriptionId} in ${shop}`, "NOT_FOUND");
    if (subscription.status !== "PENDING") throw new SandboxError(`The subscription was already ${subscription.status.toLowerCase()}`);
    return subscription;
  }
}
