// discountCodeBasicCreate and discountCodeDeactivate: the flash deals of a show. Inputs are
// checked the way Shopify reports problems (userErrors with field paths and codes); options the
// sandbox does not model are refused by name rather than ignored; usageLimit, combinesWith and
// appliesOncePerCustomer are accepted but not enforced (a show's deal is used once per checkout).
import { kindOf } from "../../ids";
import { fromDecimalString } from "../../money";
import type { SandboxDiscountValue } from "../../state";
import { requireScope } from "../access";
import type { AdminContext } from "../context";
import { assertGid } from "../query-root";
import { NotImplementedError } from "../strict-resolver";
import { discountNodeView } from "../views/discounts";

type Args = Record<string, unknown>;

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
  extraInfo: string | null;
}

interface BasicCodeDiscountInput {
  title?: string | null;
  code?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  customerGets?: {
    value?: { percentage?: number | null; discountAmount?: { amount?: string | number | null; appliesOnEachItem?: boolean | null } | null; discountOnQuantity?: unknown } | null;
    items?: { all?: boolean | null; products?: { productsToAdd?: string[] | null; productVariantsToAdd?: string[] | null } | null; collections?: unknown } | null;
  } | null;
  customerSelection?: { all?: boolean | null; customers?: unknown; customerSegments?: unknown } | null;
  context?: { all?: string | null; customers?: unknown; customerSegments?: unknown; markets?: unknown } | null;
  minimumRequirement?: unknown;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
}

const ROOT = "basicCodeDiscount";

export async function discountCodeBasicCreate(args: Args, context: AdminContext) {
  requireScope(context, "write_discounts", "discountCodeBasicCreate");
  await context.state.holds.pass("discountCodeBasicCreate", context.shop.domain);
  const input = args.basicCodeDiscount as BasicCodeDiscountInput;
  refuseUnmodelled(input);
  const errors: UserError[] = [];
  const error = (field: string[], message: string, code: string) => errors.push({ field: [ROOT, ...field], message, code, extraInfo: null });
  const { state, shop } = context;

  const title = input.title?.trim() ?? "";
  if (!title) error(["title"], "Title can't be blank", "BLANK");
  const code = input.code?.trim() ?? "";
  if (!code) error(["code"], "Code can't be blank", "BLANK");
  else if (state.findDiscountByCode(shop.domain, code)) error(["code"], "Code must be unique. Please try a different code.", "TAKEN");
  if (!input.startsAt) error(["startsAt"], "Starts at can't be blank", "BLANK");
  if (input.startsAt && input.endsAt && Date.parse(input.endsAt) <= Date.parse(input.startsAt)) {
    error(["endsAt"], "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE");
  }

  const value = discountValue(input, shop.currencyCode, error);
  const items = input.customerGets?.items;
  const productIds = (items?.products?.productsToAdd ?? []).map((id) => assertGid(id));
  const variantIds = (items?.products?.productVariantsToAdd ?? []).map((id) => assertGid(id));
  if (!items || (!items.all && productIds.length === 0 && variantIds.length === 0)) {
    error(["customerGets", "items"], "Items in 'customer get' must be defined", "APPLIES_ON_NOTHING");
  }
  productIds.forEach((id, index) => {
    if (kindOf(id) !== "Product" || !state.findProduct(shop.domain, id)) error(["customerGets", "items", "products", "productsToAdd", String(index)], `Product with id: ${id} is invalid`, "INVALID");
  });
  variantIds.forEach((id, index) => {
    if (kindOf(id) !== "ProductVariant" || !state.findVariant(shop.domain, id)) error(["customerGets", "items", "products", "productVariantsToAdd", String(index)], `Product variant with id: ${id} is invalid`, "INVALID");
  });

  if (errors.length > 0 || !value || !input.startsAt) return { codeDiscountNode: null, userErrors: errors };
  const discount = state.createDiscount(shop.domain, {
    code,
    title,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: input.endsAt ? new Date(input.endsAt).toISOString() : null,
    value,
    productIds: items?.all ? [] : productIds,
    variantIds: items?.all ? [] : variantIds,
  });
  return { codeDiscountNode: discountNodeView(context, discount), userErrors: [] };
}

export function discountCodeDeactivate({ id }: Args, context: AdminContext) {
  requireScope(context, "write_discounts", "discountCodeDeactivate");
  const gid = assertGid(id);
  const discount = kindOf(gid) === "DiscountCodeNode" ? context.state.findDiscount(context.shop.domain, gid) : undefined;
  if (!discount) {
    return { codeDiscountNode: null, userErrors: [{ field: ["id"], message: "Discount does not exist", code: "INVALID", extraInfo: null }] };
  }
  if (context.state.discountStatus(discount) !== "EXPIRED") context.state.deactivateDiscount(context.shop.domain, gid);
  return { codeDiscountNode: discountNodeView(context, discount), userErrors: [] };
}

function discountValue(input: BasicCodeDiscountInput, currency: string, error: (field: string[], message: string, code: string) => void): SandboxDiscountValue | undefined {
  const value = input.customerGets?.value;
  if (value?.percentage !== undefined && value.percentage !== null) {
    if (value.percentage < 0 || value.percentage > 1) {
      error(["customerGets", "value", "percentage"], "Value must be between 0.0 and 1.0", "VALUE_OUTSIDE_RANGE");
      return undefined;
    }
    return { percentage: value.percentage };
  }
  const amount = value?.discountAmount?.amount;
  if (amount !== undefined && amount !== null) {
    let minor: number;
    try {
      minor = fromDecimalString(amount, currency);
    } catch (problem) {
      error(["customerGets", "value", "discountAmount", "amount"], (problem as Error).message, "INVALID");
      return undefined;
    }
    if (minor <= 0) {
      error(["customerGets", "value", "discountAmount", "amount"], "Value must be greater than 0", "GREATER_THAN");
      return undefined;
    }
    return { amount: minor, appliesOnEachItem: value?.discountAmount?.appliesOnEachItem ?? false };
  }
  error(["customerGets", "value"], "Value can't be blank", "BLANK");
  return undefined;
}

/** Options that would change who or what gets the discount: the sandbox would get them wrong, so it says so. */
function refuseUnmodelled(input: BasicCodeDiscountInput): void {
  if (input.customerGets?.value?.discountOnQuantity) throw new NotImplementedError("DiscountCustomerGetsValueInput.discountOnQuantity");
  if (input.customerGets?.items?.collections) throw new NotImplementedError("DiscountItemsInput.collections");
  if (input.customerSelection?.customers || input.customerSelection?.customerSegments) throw new NotImplementedError("customerSelection other than all");
  if (input.context?.customers || input.context?.customerSegments || input.context?.markets) throw new NotImplementedError("context other than all");
  if (input.minimumRequirement) throw new NotImplementedError("DiscountCodeBasicInput.minimumRequirement");
}
