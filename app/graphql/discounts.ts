import { adminDocument } from "./document";

interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export interface CreateShowDiscountResult {
  discountCodeBasicCreate: {
    codeDiscountNode: { id: string } | null;
    userErrors: UserError[];
  };
}

export interface CreateShowDiscountVariables {
  discount: {
    title: string;
    code: string;
    startsAt: string;
    endsAt: string;
    context: { all: "ALL" };
    appliesOncePerCustomer: boolean;
    customerGets: {
      value: { percentage: number } | { discountAmount: { amount: string; appliesOnEachItem: boolean } };
      items: { products: { productsToAdd: string[] } };
    };
  };
}

export const CREATE_SHOW_DISCOUNT = adminDocument<CreateShowDiscountResult, CreateShowDiscountVariables>(`#graphql
  mutation CreateShowDiscount($discount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $discount) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`);

export interface DeactivateDiscountResult {
  discountCodeDeactivate: {
    codeDiscountNode: { id: string } | null;
    userErrors: UserError[];
  };
}

export const DEACTIVATE_DISCOUNT = adminDocument<DeactivateDiscountResult, { id: string }>(`#graphql
  mutation DeactivateShowDiscount($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`);
