import type {
  CreateShowDiscountMutation,
  CreateShowDiscountMutationVariables,
  DeactivateShowDiscountMutation,
  DeactivateShowDiscountMutationVariables,
} from "~/types/admin.generated";
import { adminDocument } from "./document";

export const CREATE_SHOW_DISCOUNT = adminDocument<CreateShowDiscountMutation, CreateShowDiscountMutationVariables>(`#graphql
  mutation CreateShowDiscount($discount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $discount) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`);

export const DEACTIVATE_DISCOUNT = adminDocument<DeactivateShowDiscountMutation, DeactivateShowDiscountMutationVariables>(`#graphql
  mutation DeactivateShowDiscount($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`);
