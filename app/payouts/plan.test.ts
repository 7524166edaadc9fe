import { describe, expect, it } from "vitest";
import type { CreatorBalance } from "~/commissions/netting";
import { payoutIdempotencyKey, planPayouts, remainderKey, type CreatorForPayout } from "./plan";

const creator = (id: string, overrides: Partial<CreatorForPayout> = {}): CreatorForPayout => ({
  id,
  name: `Creator ${id}`,
  stripeAccountId: `acct_${id}`,
  payoutsEnabled: true,
  requirementsDue: [],
  ...overrides,
});
const balance = (creatorId: string, balanceMinor: number, currency = "EUR"): CreatorBalance => ({ creatorId, currency, balanceMinor, entryIds: [`${creatorId}-${currency}`] });
const kinds = (plan: ReturnType<typeof planPayouts>) => plan.decisions.map((decision) => [decision.balance.creatorId, decision.balance.currency, decision.kind]);

describe("planPayouts", () => {
  it("pays every eligible balance the platform balance covers, per currency", () => {
    const creators = new Map([["a", creator("a")], ["b", creator("b")]]);
    const plan = planPayouts([balance("a", 1000), balance("a", 500, "SEK"), balance("b", 2000)], creators, new Map([["EUR", 3000], ["SEK", 500]]));
    expect(kinds(plan)).toEqual([["a", "EUR", "pay"], ["a", "SEK", "pay"], ["b", "EUR", "pay"]]);
    expect(plan.shortfall).toEqual([
      { currency: "EUR", owedMinor: 3000, availableMinor: 3000, shortMinor: 0 },
      { currency: "SEK", owedMinor: 500, availableMinor: 500, shortMinor: 0 },
    ]);
  });

  it("skips, with the reason in words, creators without an account or with payouts disabled, and leaves them out of the shortfall", () => {
    const creators = new Map([
      ["a", creator("a", { stripeAccountId: null })],
      ["b", creator("b", { payoutsEnabled: false, requirementsDue: ["external_account"] })],
    ]);
    const plan = planPayouts([balance("a", 1000), balance("b", 1000), balance("gone", 1000)], creators, new Map());
    expect(plan.decisions.map((decision) => (decision.kind === "skip" ? decision.reason : ""))).toEqual([
      "Creator a has not connected a Stripe account yet; they can set up payouts from their creator portal.",
      "Stripe has not enabled payouts for Creator b; they can resume onboarding from their creator portal. Stripe still needs: external_account.",
      "The creator no longer exists in this shop.",
    ]);
    expect(plan.shortfall).toEqual([]);
  });

  it("pays in ledger order while the balance lasts, skips what does not fit, and names the shortfall", () => {
    const creators = new Map([["a", creator("a")], ["b", creator("b")], ["c", creator("c")]]);
    const plan = planPayouts([balance("a", 600), balance("b", 500), balance("c", 300)], creators, new Map([["EUR", 1000]]));
    expect(kinds(plan)).toEqual([["a", "EUR", "pay"], ["b", "EUR", "skip"], ["c", "EUR", "pay"]]);
    const skipped = plan.decisions[1];
    expect(skipped?.kind === "skip" && skipped.reason).toBe("The platform's available Stripe balance in EUR (4.00 EUR) does not cover 5.00 EUR; add funds and run payouts again.");
    expect(plan.shortfall).toEqual([{ currency: "EUR", owedMinor: 1400, availableMinor: 1000, shortMinor: 400 }]);
  });
});

describe("planPayouts in currencies Stripe transfers in steps", () => {
  const creators = new Map([["a", creator("a")], ["b", creator("b")]]);
  const amounts = (plan: ReturnType<typeof planPayouts>) => plan.decisions.map((decision) => (decision.kind === "pay" ? decision.amountMinor : decision.reason));

  it("pays a KWD balance rounded down to tens of fils, and other currencies to the unit", () => {
    const plan = planPayouts([balance("a", 12_345, "KWD"), balance("b", 12_345, "EUR")], creators, new Map([["KWD", 1_000_000], ["EUR", 1_000_000]]));
    expect(amounts(plan)).toEqual([12_340, 12_345]);
    expect(plan.shortfall).toContainEqual({ currency: "KWD", owedMinor: 12_340, availableMinor: 1_000_000, shortMinor: 0 });
  });

  it("adds what earlier payouts left over, which may make a payout larger than its own entries", () => {
    const remainders = new Map([[remainderKey("a", "KWD"), 5], [remainderKey("b", "KWD"), -3]]);
    const plan = planPayouts([balance("a", 7, "KWD"), balance("b", 2_008, "KWD")], creators, new Map([["KWD", 1_000_000]]), remainders);
    expect(amounts(plan)).toEqual([10, 2_000]);
  });

  it("lets a balance below one step wait, saying why, and checks the platform balance against the rounded amount", () => {
    const plan = planPayouts([balance("a", 9, "KWD"), balance("b", 1_005, "KWD")], creators, new Map([["KWD", 1_000]]));
    expect(amounts(plan)).toEqual([
      "Creator a is owed 0.009 KWD, less than the smallest amount Stripe transfers in KWD (0.010 KWD); it stays owed and is paid with their next earnings.",
      1_000,
    ]);
    expect(plan.shortfall).toEqual([{ currency: "KWD", owedMinor: 1_000, availableMinor: 1_000, shortMinor: 0 }]);
  });
});

describe("payoutIdempotencyKey", () => {
  it("is the same for every attempt of one payout and differs between payouts", () => {
    expect(payoutIdempotencyKey("run1", "c1", "EUR")).toBe(payoutIdempotencyKey("run1", "c1", "EUR"));
    expect(new Set([payoutIdempotencyKey("run1", "c1", "EUR"), payoutIdempotencyKey("run1", "c1", "SEK"), payoutIdempotencyKey("run2", "c1", "EUR"), payoutIdempotencyKey("run1", "c2", "EUR")]).size).toBe(4);
    expect(payoutIdempotencyKey("c".repeat(30), "c".repeat(30), "EUR").length).toBeLessThanOrEqual(255);
  });
});
