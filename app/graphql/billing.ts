import { adminDocument } from "./document";

// shopify-api's billing.createUsageRecord drops its idempotencyKey (its mutation declares no such
// variable), so a retried charge could bill twice: the app sends this document instead.
export interface AppUsageRecordCreateResult {
  appUsageRecordCreate: {
    appUsageRecord: { id: string; idempotencyKey: string | null; price: { amount: string; currencyCode: string } } | null;
    userErrors: { field: string[] | null; message: string }[];
  } | null;
}

export interface AppUsageRecordCreateVariables {
  subscriptionLineItemId: string;
  description: string;
  price: { amount: string; currencyCode: string };
  idempotencyKey: string;
}

export const APP_USAGE_RECORD_CREATE = adminDocument<AppUsageRecordCreateResult, AppUsageRecordCreateVariables>(`#graphql
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
export interface ActiveSubscriptionsResult {
  currentAppInstallation: {
    activeSubscriptions: {
      id: string;
      name: string;
      test: boolean;
      status: string;
      trialDays: number;
      createdAt: string;
      currentPeriodEnd: string | null;
      lineItems: {
        id: string;
        plan: { pricingDetails: { balanceUsed?: { amount: string; currencyCode: string }; cappedAmount?: { amount: string; currencyCode: string } } };
      }[];
    }[];
  };
}

export const ACTIVE_SUBSCRIPTIONS = adminDocument<ActiveSubscriptionsResult>(`#graphql
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
