import "./shopify/sandbox-mode.server";
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, BillingInterval, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { PLAN, USAGE_TERMS } from "./billing/plan";
import { formatMinorUnits } from "./commissions/money";
import { env } from "./env.server";
import { syncShop } from "./shops/shops.server";

/** The Admin API version of every GraphQL document, webhook and schema check in the app. */
export const API_VERSION = ApiVersion.July26;

const config = env();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  billing: {
    [PLAN.name]: {
      trialDays: PLAN.trialDays,
      lineItems: [
        { amount: shopifyAmount(PLAN.recurringMinor), currencyCode: PLAN.currency, interval: BillingInterval.Every30Days },
        { amount: shopifyAmount(PLAN.usageCapMinor), currencyCode: PLAN.currency, interval: BillingInterval.Usage, terms: USAGE_TERMS },
      ],
    },
  },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await syncShop(admin, session.shop);
    },
  },
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
});

/** The billing config takes a number; it is read from the exact decimal, never computed in floating point. */
function shopifyAmount(minor: number): number {
  return Number(formatMinorUnits(minor, PLAN.currency));
}

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
