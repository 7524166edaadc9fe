// GET /v1/balance (the platform's, or a connected account's with Stripe-Account) and test-mode
// top-ups, which add to the platform's available balance at once.
import type Stripe from "stripe";
import { z } from "zod";
import type { ApiRoute } from "../api";
import type { StripeCore } from "../core";
import { resourceMissing } from "../errors";
import { newId } from "../ids";
import { listPage } from "../list";
import { amountParam, applyMetadata, currencyParam, enumParam, expandParam, listShape, metadataParam, parseParams, stringParam } from "../params";
import { PLATFORM } from "../state";
import { findAccount } from "./accounts";

const createTopupParams = z.strictObject({
  amount: amountParam(),
  currency: currencyParam(),
  description: stringParam().optional(),
  metadata: metadataParam().optional(),
  source: stringParam().optional(),
  statement_descriptor: stringParam().optional(),
  transfer_group: stringParam().optional(),
  expand: expandParam(),
});

const listTopupParams = z.strictObject({ ...listShape, status: enumParam(["canceled", "failed", "pending", "succeeded"]).optional() });

export function balanceRoutes(core: StripeCore): ApiRoute[] {
  return [
    {
      method: "GET",
      path: "/v1/balance",
      connect: true,
      handle: (call) => {
        parseParams(z.strictObject({ expand: expandParam() }), call.params);
        if (!call.account) return core.ledger.toBalance(PLATFORM, core.state.platformAccount.default_currency ?? "usd");
        const account = findAccount(core, call.account);
        return core.ledger.toBalance(account.id, account.default_currency ?? "usd");
      },
    },
    {
      method: "POST",
      path: "/v1/topups",
      connect: false,
      handle: (call) => {
        const params = parseParams(createTopupParams, call.params);
        const created = core.clock.nowSeconds();
        const topup: Stripe.Topup = {
          id: newId("tu"),
          object: "topup",
          amount: params.amount,
          balance_transaction: newId("txn"),
          created,
          currency: params.currency,
          description: params.description ?? null,
          expected_availability_date: created,
          failure_code: null,
          failure_message: null,
          initiated_by: "user",
          livemode: false,
          metadata: applyMetadata({}, params.metadata),
          source: null,
          statement_descriptor: params.statement_descriptor ?? null,
          status: "succeeded",
          transfer_group: params.transfer_group ?? null,
        };
        core.state.topups.set(topup.id, topup);
        core.ledger.move(PLATFORM, topup.currency, { available: topup.amount });
        core.events.emit("topup.created", topup, { request: call.request });
        core.events.emit("topup.succeeded", topup, { request: call.request });
        return topup;
      },
    },
    {
      method: "GET",
      path: "/v1/topups/:id",
      connect: false,
      handle: (call) => {
        parseParams(z.strictObject({ expand: expandParam() }), call.params);
        const topup = core.state.topups.get(call.path.id ?? "");
        if (!topup) throw resourceMissing("topup", call.path.id ?? "");
        return topup;
      },
    },
    {
      method: "GET",
      path: "/v1/topups",
      connect: false,
      handle: (call) => {
        const params = parseParams(listTopupParams, call.params);
        const topups = [...core.state.topups.values()].filter((topup) => !params.status || topup.status === params.status);
        return listPage(topups, params, "/v1/topups");
      },
    },
  ];
}
