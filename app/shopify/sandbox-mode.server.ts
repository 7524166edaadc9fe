import { routeShopsToSandbox } from "./sandbox-dispatcher.server";

// Imported before Shopify's node adapter, which captures fetch when it loads.
const sandbox = process.env.SHOPIFY_SANDBOX_URL;
if (sandbox) {
  if (process.env.NODE_ENV === "production") {
    throw new Error("SHOPIFY_SANDBOX_URL is set in production: the sandbox must never stand in for real shops.");
  }
  routeShopsToSandbox(sandbox);
}
