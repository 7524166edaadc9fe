// Payouts from an available balance to a bank account: a connected account's (with
// Stripe-Account) or the platform's. They stay pending until a control settles them
// (see payout-settlement.ts). Events: payout.created, payout.updated, payout.canceled.
import type Stripe from "stripe";
import { z } from "zod";
import type { ApiRoute } from "../api";
import type { StripeCore } from "../core";
import { balanceInsufficient, invalidParam, invalidRequest, resourceMissing } from "../errors";
import { newId } from "../ids";
import { listPage } from "../list";
import { amountParam, applyMetadata, assertAmountStep, currencyParam, enumParam, expandParam, listShape, metadataParam, parseParams, stringParam } from "../params";
import { changedAttributes } from "../previous-attributes";
import { PLATFORM, type PayoutRecord } from "../state";
import { findAccount } from "./accounts";

/** Standard payouts arrive two days later. */
const ARRIVAL_DELAY_SECONDS = 2 * 24 * 60 * 60;

const createParams = z.strictObject({
  amount: amountParam(),
  currency: currencyParam(),
  description: stringParam().optional(),
  destination: stringParam().optional(),
  metadata: metadataParam().optional(),
  method: enumParam(["standard", "instant"]).optional(),
  source_type: enumParam(["bank_account", "card", "fpx"]).optional(),
  statement_descriptor: stringParam().optional(),
  expand: expandParam(),
});

const listParams = z.strictObject({ ...listShape, status: enumParam(["pending", "paid", "failed", "canceled"]).optional() });
const updateParams = z.strictObject({ metadata: metadataParam().optional(), expand: expandParam() });
const noParams = z.strictObject({ expand: expandParam() });

/** The bank account a payout goes to: the connected account's from onboarding, or the platform's. */
function payoutDestination(core: StripeCore, accountId: string | null): string {
  if (!accountId) return core.state.platformAccount.external_accounts?.data[0]?.id ?? "ba_platform";
  const account = findAccount(core, accountId);
  if (!account.payouts_enabled) {
    throw invalidRequest("Payouts are not enabled on this account: it has not completed onboarding or has been restricted.", { code: "payouts_not_allowed" });
  }
  const bankAccount = account.external_accounts?.data[0];
  if (!bankAccount) throw invalidRequest("This account has no external account to pay out to.", { code: "no_external_account" });
  return bankAccount.id;
}

function findPayout(core: StripeCore, id: string, account: string | null): PayoutRecord {
  const record = core.state.payouts.get(id);
  // Payouts belong to one account; another account (or the platform) cannot see them.
  if (!record || record.account !== account) throw resourceMissing("payout", id);
  return record;
}

export function payoutRoutes(core: StripeCore): ApiRoute[] {
  return [
    {
      method: "POST",
      path: "/v1/payouts",
      connect: true,
      handle: (call) => {
        const params = parseParams(createParams, call.params);
        if (params.method === "instant") throw invalidParam("The Stripe sandbox only makes standard payouts.", "method");
        assertAmountStep(params.amount, params.currency);
        const destination = payoutDestination(core, call.account);
        if (params.destination !== undefined && params.destination !== destination) throw resourceMissing("external account", params.destination, "destination");
        const owner = call.account ?? PLATFORM;
        if (core.ledger.available(owner, params.currency) < params.amount) throw balanceInsufficient();
        core.ledger.move(owner, params.currency, { available: -params.amount });
        const created = core.clock.nowSeconds();
        const payout: Stripe.Payout = {
          id: newId("po"),
          object: "payout",
          amount: params.amount,
          application_fee: null,
          application_fee_amount: null,
          arrival_date: created + ARRIVAL_DELAY_SECONDS,
          automatic: false,
          balance_transaction: newId("txn"),
          created,
          currency: params.currency,
          description: params.description ?? null,
          destination,
          failure_balance_transaction: null,
          failure_code: null,
          failure_message: null,
          livemode: false,
          metadata: applyMetadata({}, params.metadata),
          method: "standard",
          original_payout: null,
          payout_method: null,
          reconciliation_status: "not_applicable",
          reversed_by: null,
          source_type: params.source_type ?? "card",
          statement_descriptor: params.statement_descriptor ?? null,
          status: "pending",
          trace_id: null,
          type: "bank_account",
        };
        core.state.payouts.set(payout.id, { account: call.account, payout });
        core.events.emit("payout.created", payout, { account: call.account, request: call.request });
        return payout;
      },
    },
    {
      method: "GET",
      path: "/v1/payouts",
      connect: true,
      handle: (call) => {
        const params = parseParams(listParams, call.params);
        const payouts = [...core.state.payouts.values()]
          .filter((record) => record.account === call.account && (!params.status || record.payout.status === params.status))
          .map((record) => record.payout);
        return listPage(payouts, params, "/v1/payouts");
      },
    },
    {
      method: "GET",
      path: "/v1/payouts/:id",
      connect: true,
      handle: (call) => {
        parseParams(noParams, call.params);
        return findPayout(core, call.path.id ?? "", call.account).payout;
      },
    },
    {
      method: "POST",
      path: "/v1/payouts/:id",
      connect: true,
      handle: (call) => {
        const { payout } = findPayout(core, call.path.id ?? "", call.account);
        const params = parseParams(updateParams, call.params);
        const before = structuredClone(payout);
        payout.metadata = applyMetadata(payout.metadata ?? {}, params.metadata);
        const previous = changedAttributes(before, payout);
        if (Object.keys(previous).length > 0) core.events.emit("payout.updated", payout, { account: call.account, previousAttributes: previous, request: call.request });
        return payout;
      },
    },
    {
      method: "POST",
      path: "/v1/payouts/:id/cancel",
      connect: true,
      handle: (call) => {
        const { payout } = findPayout(core, call.path.id ?? "", call.account);
        parseParams(noParams, call.params);
        if (payout.status !== "pending") throw invalidRequest(`Payout ${payout.id} is ${payout.status} and can no longer be canceled.`);
        payout.status = "canceled";
        core.ledger.move(call.account ?? PLATFORM, payout.currency, { available: payout.amount });
        core.events.emit("payout.canceled", payout, { account: call.account, previousAttributes: { status: "pending" }, request: call.request });
        return payout;
      },
    },
  ];
}
