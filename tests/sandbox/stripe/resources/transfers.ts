// Transfers from the platform's available balance to connected accounts, and their reversals.
// Events: transfer.created, transfer.updated (description/metadata), transfer.reversed
// (every reversal, partial ones included).
import type Stripe from "stripe";
import { z } from "zod";
import type { ApiRoute } from "../api";
import type { StripeCore } from "../core";
import { balanceInsufficient, invalidRequest, resourceMissing } from "../errors";
import { newId } from "../ids";
import { listPage } from "../list";
import { amountParam, applyMetadata, assertAmountStep, booleanParam, currencyParam, enumParam, expandParam, listShape, metadataParam, parseParams, stringParam } from "../params";
import { changedAttributes } from "../previous-attributes";
import { PLATFORM } from "../state";

const createParams = z.strictObject({
  amount: amountParam(),
  currency: currencyParam(),
  destination: stringParam(),
  description: stringParam().optional(),
  metadata: metadataParam().optional(),
  transfer_group: stringParam().optional(),
  source_type: enumParam(["bank_account", "card", "fpx"]).optional(),
  expand: expandParam(),
});

const updateParams = z.strictObject({
  description: stringParam().optional(),
  metadata: metadataParam().optional(),
  expand: expandParam(),
});

const listParams = z.strictObject({ ...listShape, destination: stringParam().optional(), transfer_group: stringParam().optional() });

const createReversalParams = z.strictObject({
  amount: amountParam().optional(),
  description: stringParam().optional(),
  metadata: metadataParam().optional(),
  refund_application_fee: booleanParam().optional(),
  expand: expandParam(),
});

const updateReversalParams = z.strictObject({ metadata: metadataParam().optional(), expand: expandParam() });
const retrieveParams = z.strictObject({ expand: expandParam() });

function findTransfer(core: StripeCore, id: string): Stripe.Transfer {
  const transfer = core.state.transfers.get(id);
  if (!transfer) throw resourceMissing("transfer", id);
  return transfer;
}

function findReversal(transfer: Stripe.Transfer, id: string): Stripe.TransferReversal {
  const reversal = transfer.reversals.data.find((candidate) => candidate.id === id);
  if (!reversal) throw resourceMissing("transfer reversal", id);
  return reversal;
}

function createTransfer(core: StripeCore, params: z.output<typeof createParams>): Stripe.Transfer {
  assertAmountStep(params.amount, params.currency);
  const destination = core.state.accounts.get(params.destination);
  if (!destination) throw invalidRequest(`No such destination: '${params.destination}'`, { param: "destination", code: "resource_missing" });
  const capability = (destination.capabilities as Record<string, string> | undefined)?.transfers;
  if (capability !== "active") {
    throw invalidRequest(
      "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      { param: "destination", code: "insufficient_capabilities_for_transfer" },
    );
  }
  if (core.ledger.available(PLATFORM, params.currency) < params.amount) throw balanceInsufficient();

  core.ledger.move(PLATFORM, params.currency, { available: -params.amount });
  core.ledger.move(destination.id, params.currency, { available: params.amount });
  const id = newId("tr");
  return {
    id,
    object: "transfer",
    amount: params.amount,
    amount_reversed: 0,
    balance_transaction: newId("txn"),
    created: core.clock.nowSeconds(),
    currency: params.currency,
    description: params.description ?? null,
    destination: destination.id,
    destination_payment: newId("py"),
    livemode: false,
    metadata: applyMetadata({}, params.metadata),
    reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: null,
    source_type: params.source_type ?? "card",
    transfer_group: params.transfer_group ?? null,
  };
}

function reverseTransfer(core: StripeCore, transfer: Stripe.Transfer, params: z.output<typeof createReversalParams>): Stripe.TransferReversal {
  const remaining = transfer.amount - transfer.amount_reversed;
  if (remaining === 0) throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`, { code: "transfer_already_reversed" });
  if (params.amount !== undefined) assertAmountStep(params.amount, transfer.currency);
  const amount = params.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(`Amount (${amount}) is greater than the amount left to reverse on transfer ${transfer.id} (${remaining}).`, { param: "amount" });
  }
  const destination = typeof transfer.destination === "string" ? transfer.destination : (transfer.destination?.id ?? "");
  // The connected account may go negative; on Express accounts the platform covers that, as on Stripe.
  core.ledger.move(destination, transfer.currency, { available: -amount });
  core.ledger.move(PLATFORM, transfer.currency, { available: amount });
  const reversal: Stripe.TransferReversal = {
    id: newId("trr"),
    object: "transfer_reversal",
    amount,
    balance_transaction: newId("txn"),
    created: core.clock.nowSeconds(),
    currency: transfer.currency,
    destination_payment_refund: newId("pyr"),
    metadata: applyMetadata({}, params.metadata),
    source_refund: null,
    transfer: transfer.id,
  };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.unshift(reversal);
  return reversal;
}

export function transferRoutes(core: StripeCore): ApiRoute[] {
  return [
    {
      method: "POST",
      path: "/v1/transfers",
      connect: false,
      handle: (call) => {
        const transfer = createTransfer(core, parseParams(createParams, call.params));
        core.state.transfers.set(transfer.id, transfer);
        core.events.emit("transfer.created", transfer, { request: call.request });
        return transfer;
      },
    },
    {
      method: "GET",
      path: "/v1/transfers",
      connect: false,
      handle: (call) => {
        const params = parseParams(listParams, call.params);
        const transfers = [...core.state.transfers.values()].filter(
          (transfer) =>
            (params.destination === undefined || transfer.destination === params.destination) &&
            (params.transfer_group === undefined || transfer.transfer_group === params.transfer_group),
        );
        return listPage(transfers, params, "/v1/transfers");
      },
    },
    {
      method: "GET",
      path: "/v1/transfers/:id",
      connect: false,
      handle: (call) => {
        parseParams(retrieveParams, call.params);
        return findTransfer(core, call.path.id ?? "");
      },
    },
    {
      method: "POST",
      path: "/v1/transfers/:id",
      connect: false,
      handle: (call) => {
        const transfer = findTransfer(core, call.path.id ?? "");
        const params = parseParams(updateParams, call.params);
        const before = structuredClone(transfer);
        if (params.description !== undefined) transfer.description = params.description === "" ? null : params.description;
        transfer.metadata = applyMetadata(transfer.metadata, params.metadata);
        const previous = changedAttributes(before, transfer);
        if (Object.keys(previous).length > 0) core.events.emit("transfer.updated", transfer, { previousAttributes: previous, request: call.request });
        return transfer;
      },
    },
    {
      method: "POST",
      path: "/v1/transfers/:id/reversals",
      connect: false,
      handle: (call) => {
        const transfer = findTransfer(core, call.path.id ?? "");
        const before = structuredClone(transfer);
        const reversal = reverseTransfer(core, transfer, parseParams(createReversalParams, call.params));
        core.events.emit("transfer.reversed", transfer, {
          previousAttributes: { amount_reversed: before.amount_reversed, reversed: before.reversed, reversals: before.reversals },
          request: call.request,
        });
        return reversal;
      },
    },
    {
      method: "GET",
      path: "/v1/transfers/:id/reversals",
      connect: false,
      handle: (call) => {
        const transfer = findTransfer(core, call.path.id ?? "");
        const params = parseParams(z.strictObject(listShape), call.params);
        return listPage([...transfer.reversals.data].reverse(), params, `/v1/transfers/${transfer.id}/reversals`);
      },
    },
    {
      method: "GET",
      path: "/v1/transfers/:id/reversals/:reversalId",
      connect: false,
      handle: (call) => {
        parseParams(retrieveParams, call.params);
        return findReversal(findTransfer(core, call.path.id ?? ""), call.path.reversalId ?? "");
      },
    },
    {
      method: "POST",
      path: "/v1/transfers/:id/reversals/:reversalId",
      connect: false,
      handle: (call) => {
        const reversal = findReversal(findTransfer(core, call.path.id ?? ""), call.path.reversalId ?? "");
        const params = parseParams(updateReversalParams, call.params);
        reversal.metadata = applyMetadata(reversal.metadata ?? {}, params.metadata);
        return reversal;
      },
    },
  ];
}
