// The whole system on loopback: the Shopify, Mux and Stripe emulators and the built app,
// wired through the app's normal configuration. Integration and end-to-end tests start one.
import { sandboxMux, sandboxStripe } from "../sandbox/config";
import { startMuxEmulator, type MuxEmulator } from "../sandbox/mux";
import { startShopifyEmulator, type ShopifyEmulator } from "../sandbox/shopify";
import { startStripeEmulator, type StripeEmulator } from "../sandbox/stripe";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import type { AppPlanInput } from "../sandbox/shopify/billing";
import { ACCEPTED_APP_PLAN } from "./app-plan";
import { startAppServer, type AppServer } from "./app-server";
import { reservePort } from "./reserved-port";

export interface Stack {
  /** Where the sandboxes and the browser reach the app: its own socket, or the address given as `appUrl`. */
  appUrl: string;
  app: AppServer;
  /** What the app was started with, to start another instance of it beside the first. */
  appEnv: Record<string, string>;
  shopify: ShopifyEmulator;
  mux: MuxEmulator;
  stripe: StripeEmulator;
  mail: MailSandbox;
  close(): Promise<void>;
}

export interface StackOptions {
  /** The app's port; any free one when not given (or 0). */
  appPort?: number;
  /**
   * The app's public address when something stands in front of it (a load balancer over several
   * instances): the sandboxes call it, and the app names it in the URLs it hands out. The app's
   * own socket by default.
   */
  appUrl?: string;
  shopifyPort?: number;
  muxPort?: number;
  stripePort?: number;
  mailPort?: number;
  mailInboxPort?: number;
  seed?: boolean;
  env?: Record<string, string>;
  /** The subscription every shop starts with, approved (the app's plan by default); null for none. */
  acceptedPlan?: AppPlanInput | null;
  /**
   * The world's clock for the Shopify, Stripe and Mux sandboxes (the machine's by default). A test
   * that moves it moves the app's too, through `env` (see tests/support/world-clock.ts).
   */
  now?: () => Date;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const appSocket = await reservePort(options.appPort);
  const appUrl = options.appUrl ?? appSocket.url;
  const [shopify, mux, stripe, mail] = await Promise.all([
    startShopifyEmulator({
      appUrl,
      port: options.shopifyPort,
      seed: options.seed ?? true,
      acceptedPlan: options.acceptedPlan === undefined ? ACCEPTED_APP_PLAN : options.acceptedPlan,
      ...(options.now && { now: options.now }),
    }),
    startMuxEmulator({ port: options.muxPort, webhookUrl: `${appUrl}/webhooks/mux`, webhookSecret: sandboxMux.webhookSecret, now: options.now }),
    startStripeEmulator({ port: options.stripePort, webhookUrl: `${appUrl}/webhooks/stripe`, webhookSecret: sandboxStripe.webhookSecret, now: options.now }),
    startMailSandbox({ port: options.mailPort, inboxPort: options.mailInboxPort }),
  ]);
  const appEnv = {
    SHOPIFY_APP_URL: appUrl,
    SHOPIFY_SANDBOX_URL: shopify.url,
    APP_BRIDGE_URL: `${shopify.url}/cdn/shopifycloud/app-bridge.js`,
    ...mux.appEnv(),
    STRIPE_API_URL: stripe.url,
    MAIL_URL: mail.url,
    ...options.env,
  };
  const app = await startAppServer(appEnv, appSocket);
  return {
    appUrl,
    app,
    appEnv,
    shopify,
    mux,
    stripe,
    mail,
    async close() {
      await app.close();
      await Promise.all([shopify.close(), mux.close(), stripe.close(), mail.close()]);
    },
  };
}
