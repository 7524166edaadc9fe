import "./shopify/sandbox-mode.server";
import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, BillingInterval, shopifyApp } from "@shopify/shopify-app-remix/server";
import prisma from "./db.server";
import { API_VERSION } from "~/shopify/api-version";
import { PLAN, USAGE_TERMS } from "~/shopify/app-plan";
import { FreshOfflineSessionStorage, refreshWithShopify } from "~/shopify/offline-session-storage.server";
import { acquireLease, INSTANCE_ID, releaseLease } from "~/jobs/lease.server";
import { formatMinorUnits } from "~/lib/money";
import { env } from "./env.server";
import { syncShop } from "./shops/shops.server";

export { API_VERSION };

const config = env();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new FreshOfflineSessionStorage(prisma, refreshWithShopify(API_VERSION), {
    acquire: acquireLease,
    release: releaseLease,
    instanceId: INSTANCE_ID,
  }),
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

/**
 * App Bridge sends every fetch and form post of the embedded admin with a session token. The
 * library answers a post without one as it answers a first page load, with a redirect to the
 * login page; a post without a token is not from the admin, so it gets 401 before anything runs.
 */
const authenticateAdmin: typeof shopify.authenticate.admin = async (request) => {
  const posted = request.method !== "GET" && request.method !== "HEAD" && request.method !== "OPTIONS";
  if (posted && !request.headers.get("authorization") && !new URL(request.url).searchParams.get("id_token")) {
    throw Response.json({ error: "This request has no Shopify session token; open the app from your Shopify admin." }, { status: 401 });
  }
  return shopify.authenticate.admin(request);
};

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = { ...shopify.authenticate, admin: authenticateAdmin };
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
