import { sandboxAppSecret, sandboxMux, sandboxShopify, sandboxStripe } from "../sandbox/config";

/** The environment the app runs with under test: sandbox credentials, the test database. */
export function appTestEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "test",
    SHOPIFY_API_KEY: sandboxShopify.apiKey,
    SHOPIFY_API_SECRET: sandboxShopify.apiSecret,
    SHOPIFY_APP_URL: "http://127.0.0.1:3000",
    MUX_TOKEN_ID: sandboxMux.tokenId,
    MUX_TOKEN_SECRET: sandboxMux.tokenSecret,
    MUX_WEBHOOK_SECRET: sandboxMux.webhookSecret,
    STRIPE_SECRET_KEY: sandboxStripe.secretKey,
    STRIPE_WEBHOOK_SECRET: sandboxStripe.webhookSecret,
    APP_SECRET: sandboxAppSecret,
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    // An app under test reconciles live shows only when a test asks: every test file's app shares
    // the database, and one app's ticker must not reconcile another test's shows.
    RECONCILE_INTERVAL_SECONDS: "3600",
    // Likewise reminders: a test runs its passes with its own clock, and no app sends them meanwhile.
    REMINDER_INTERVAL_SECONDS: "3600",
    // And "Remind me": every test signs up through the sandbox's app proxy from 127.0.0.1, in files
    // that run side by side on one database, so the limits are set back only where a test says so.
    REMINDER_SIGNUPS_PER_ADDRESS: "10000",
    REMINDER_CONFIRMATIONS_PER_EMAIL: "10000",
    // And usage charges: a test settles them through the app's own paths, when it says so.
    USAGE_CHARGE_RETRY_SECONDS: "86400",
    ...overrides,
  };
}
