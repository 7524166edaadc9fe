// Shared set-up for the emulator's own tests: an emulator wired to a webhook receiver, and
// stripe SDK clients pointed at it the way the app configures its client.
import Stripe from "stripe";
import { sandboxStripe } from "../config";
import { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from "./emulator";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

export interface StripeTestSandbox {
  emulator: StripeEmulator;
  receiver: WebhookReceiver;
  /** A real stripe SDK client for the emulator; no automatic retries unless asked for. */
  client(config?: Stripe.StripeConfig, key?: string): Stripe;
  close(): Promise<void>;
}

export async function startStripeTestSandbox(options: StripeEmulatorOptions = {}): Promise<StripeTestSandbox> {
  const receiver = await startWebhookReceiver();
  const emulator = await startStripeEmulator({ webhookUrl: receiver.url, webhookRetryDelaysMs: [20, 20], ...options });
  return {
    emulator,
    receiver,
    client: (config = {}, key = sandboxStripe.secretKey) => new Stripe(key, { ...emulator.sdkOptions, maxNetworkRetries: 0, telemetry: false, ...config }),
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

/** An Express account that finished onboarding (through the control, not the page). */
export async function onboardedAccount(stripe: Stripe, emulator: StripeEmulator, email = "creator@example.com"): Promise<Stripe.Account> {
  const account = await stripe.accounts.create({ type: "express", email, capabilities: { transfers: { requested: true } } });
  return emulator.completeOnboarding(account.id);
}
