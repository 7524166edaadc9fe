// Orders, line items and refunds for the Admin schema.
import { numericIdOf } from "../../ids";
import type { SandboxOrder, SandboxOrderLine, SandboxRefund } from "../../state";
import { connection, firstOf } from "../connection";
import type { AdminContext } from "../context";
import { moneyBag } from "../money-fields";
import { productView, variantView, connectionArgs } from "./catalog";

type Args = Record<string, unknown>;

/** An amount of the order in shop money and in what the buyer paid. */
function orderBag(order: SandboxOrder, shopMinor: number, presentmentMinor: number) {
  return moneyBag(shopMinor, order.currencyCode, { amount: presentmentMinor, currency: order.presentment.currencyCode });
}

export function orderView(context: AdminContext, order: SandboxOrder) {
  const currency = order.currencyCode;
  const refundedUnits = order.refunds.flatMap((refund) => refund.lines).reduce((sum, line) => sum + line.quantity, 0);
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  return {
    __typename: "Order",
    id: order.id,
    legacyResourceId: numericIdOf(order.id),
    name: order.name,
    createdAt: order.createdAt,
    processedAt: order.createdAt,
    cancelledAt: null,
    currencyCode: currency,
    presentmentCurrencyCode: order.presentment.currencyCode,
    email: order.customer?.email ?? null,
    customAttributes: order.attributes.map((attribute) => ({ key: attribute.key, value: attribute.value })),
    discountCodes: order.discountCodes,
    displayFinancialStatus: refundedUnits === 0 ? "PAID" : refundedUnits >= units ? "REFUNDED" : "PARTIALLY_REFUNDED",
    subtotalPriceSet: orderBag(order, order.subtotal, order.presentment.subtotal),
    totalPriceSet: orderBag(order, order.total, order.presentment.total),
    lineItems: (args: Args) => connection(order.lines, connectionArgs(args), (line) => line.id, (line) => lineItemView(context, order, line)),
    refunds: (args: Args) => firstOf(order.refunds, args.first).map((refund) => refundView(context, order, refund)),
  };
}

function refundedOf(order: SandboxOrder, line: SandboxOrderLine): number {
  return order.refunds.flatMap((refund) => refund.lines).filter((r) => r.lineId === line.id).reduce((sum, r) => sum + r.quantity, 0);
}

export function lineItemView(context: AdminContext, order: SandboxOrder, line: SandboxOrderLine) {
  const { state, shop } = context;
  const remaining = line.quantity - refundedOf(order, line);
  return {
    __typename: "LineItem",
    id: line.id,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    title: line.title,
    variantTitle: line.variantTitle ?? null,
    sku: line.sku ?? null,
    quantity: line.quantity,
    currentQuantity: remaining,
    refundableQuantity: remaining,
    customAttributes: line.properties.map((property) => ({ key: property.name, value: property.value })),
    variant: () => {
      const variant = state.findVariant(shop.domain, line.variantId);
      return variant ? variantView(context, variant) : null;
    },
    product: () => {
      const product = state.findProduct(shop.domain, line.productId);
      return product ? productView(context, product) : null;
    },
    originalUnitPriceSet: orderBag(order, line.price, line.presentment.price),
    originalTotalSet: orderBag(order, line.price * line.quantity, line.presentment.price * line.quantity),
    // Every sandbox discount is a code discount, which Shopify leaves out of these unless asked.
    discountedUnitPriceSet: orderBag(order, line.price, line.presentment.price),
    discountedTotalSet: (args: Args) => {
      const withCode = args.withCodeDiscounts === true;
      return orderBag(order, line.price * line.quantity - (withCode ? line.discount : 0), line.presentment.price * line.quantity - (withCode ? line.presentment.discount : 0));
    },
    totalDiscountSet: orderBag(order, line.discount, line.presentment.discount),
    discountAllocations: line.discount ? [{ allocatedAmountSet: orderBag(order, line.discount, line.presentment.discount) }] : [],
  };
}

export function refundView(context: AdminContext, order: SandboxOrder, refund: SandboxRefund) {
  const currency = order.currencyCode;
  return {
    __typename: "Refund",
    id: refund.id,
    legacyResourceId: numericIdOf(refund.id),
    createdAt: refund.createdAt,
    order: () => orderView(context, order),
    totalRefundedSet: moneyBag(refund.lines.reduce((sum, line) => sum + line.subtotal, 0), currency),
    refundLineItems: (args: Args) =>
      connection(
        refund.lines,
        connectionArgs(args),
        (line) => line.id ?? line.lineId,
        (refundLine) => {
          const line = order.lines.find((candidate) => candidate.id === refundLine.lineId);
          return {
            __typename: "RefundLineItem",
            ...(refundLine.id ? { id: refundLine.id } : {}),
            quantity: refundLine.quantity,
            restockType: "NO_RESTOCK",
            restocked: false,
            subtotalSet: moneyBag(refundLine.subtotal, currency),
            lineItem: () => (line ? lineItemView(context, order, line) : null),
          };
        },
      ),
  };
}
