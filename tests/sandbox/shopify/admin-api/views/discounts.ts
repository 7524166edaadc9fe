// Code discounts (DiscountCodeNode → DiscountCodeBasic) for the Admin schema.
import { derivedGid, numericIdOf } from "../../ids";
import type { SandboxDiscount } from "../../state";
import { connection } from "../connection";
import type { AdminContext } from "../context";
import { moneyV2 } from "../money-fields";
import { connectionArgs, productView, variantView } from "./catalog";

type Args = Record<string, unknown>;

export function discountNodeView(context: AdminContext, discount: SandboxDiscount) {
  return { __typename: "DiscountCodeNode", id: discount.id, codeDiscount: () => discountCodeBasicView(context, discount) };
}

function redeemCodeId(discount: SandboxDiscount): string {
  return derivedGid("DiscountRedeemCode", numericIdOf(discount.id));
}

export function discountCodeBasicView(context: AdminContext, discount: SandboxDiscount) {
  const { state, shop } = context;
  const usage = shop.orders.filter((order) => order.discountCodes.some((code) => code.toLowerCase() === discount.code.toLowerCase())).length;
  const redeemCode = { __typename: "DiscountRedeemCode", id: redeemCodeId(discount), code: discount.code, asyncUsageCount: usage };
  const targetsEverything = discount.productIds.length === 0 && discount.variantIds.length === 0;
  return {
    __typename: "DiscountCodeBasic",
    title: discount.title,
    status: state.discountStatus(discount),
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    createdAt: discount.createdAt ?? discount.startsAt,
    updatedAt: discount.updatedAt ?? discount.startsAt,
    asyncUsageCount: usage,
    codes: (args: Args) => connection([redeemCode], connectionArgs(args), (code) => code.id, (code) => code),
    codesCount: { count: 1, precision: "EXACT" },
    customerGets: {
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      value:
        "percentage" in discount.value
          ? { __typename: "DiscountPercentage", percentage: discount.value.percentage }
          : { __typename: "DiscountAmount", amount: moneyV2(discount.value.amount, shop.currencyCode), appliesOnEachItem: discount.value.appliesOnEachItem ?? false },
      items: targetsEverything
        ? { __typename: "AllDiscountItems", allItems: true }
        : {
            __typename: "DiscountProducts",
            products: (args: Args) =>
              connection(
                discount.productIds.map((id) => state.findProduct(shop.domain, id)).filter((product) => product !== undefined),
                connectionArgs(args),
                (product) => product.id,
                (product) => productView(context, product),
              ),
            productVariants: (args: Args) =>
              connection(
                discount.variantIds.map((id) => state.findVariant(shop.domain, id)).filter((variant) => variant !== undefined),
                connectionArgs(args),
                (variant) => variant.id,
                (variant) => variantView(context, variant),
              ),
          },
    },
  };
}
