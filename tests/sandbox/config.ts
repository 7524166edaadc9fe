// Credentials the sandbox and the app under test share. They sign nothing real.
export const SANDBOX_API_VERSION = "2026-07";

export const sandboxShopify = {
  apiKey: "live-shows-sandbox-client-id",
  apiSecret: "sandbox-shopify-app-secret",
  /** The seeded shop; tests make their own shops with other names for isolation. */
  shopDomain: "northwind-demo.myshopify.com",
  appProxy: { prefix: "apps", subpath: "live" },
} as const;

export const sandboxMux = {
  tokenId: "sandbox-mux-token-id",
  tokenSecret: "sandbox-mux-token-secret",
  webhookSecret: "sandbox-mux-webhook-secret",
} as const;

export const sandboxStripe = {
  secretKey: "sk_test_sandbox_platform",
  webhookSecret: "whsec_sandbox_platform_secret",
} as const;

export const sandboxAppSecret = "sandbox-app-secret-for-viewer-tokens";
