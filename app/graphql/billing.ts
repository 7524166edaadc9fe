import type { ActiveSubscriptionsQuery, AppUsageRecordCreateMutation, AppUsageRecordCreateMutationVariables } from "~/types/admin.generated";
import { adminDocument } from "./document";

// shopify-api's billing.createUsageRecord drops its idempotencyKey (its mutation declares no such
// variable), so a retried charge could bill twice: the app sends this document instead.
export const APP_USAGE_RECORD_CREATE = adminDocument<AppUsageRecordCreateMutation, AppUsageRecordCreateMutationVariables>(`#graphql
  mutation AppUsageRecordCreate($subscriptionLineItemId: ID!, $description: String!, $price: MoneyInput!, $idempotencyKey: String!) {
    appUsageRecordCreate(subscriptionLineItemId: $subscriptionLineItemId, description: $description, price: $price, idempotencyKey: $idempotencyKey) {
      appUsageRecord {
        id
        idempotencyKey
        price { amount currencyCode }
      }
      userErrors { field message }
    }
  }
`);

// The shop's subscriptions without an admin request (a Mux webhook, a retry): shopify-app-remix
// offers billing.check only on an authenticated admin request.
export type ActiveSubscriptionsResult = ActiveSubscriptionsQuery;

export const ACTIVE_SUBSCRIPTIONS = adminDocument<ActiveSubscriptionsQuery>(`#graphql
  query ActiveSubscriptions {
    currentAppInstallation {
      activeSubscriptions {
        id
        name
        test
        status
        trialDays
        createdAt
        currentPeriodEnd
        lineItems {
          id
          plan {
            pricingDetails {
              ... on AppUsagePricing {
                balanceUsed { amount currencyCode }
                cappedAmount { amount currencyCode }
              }
            }
          }
        }
      }
    }
  }
`);
