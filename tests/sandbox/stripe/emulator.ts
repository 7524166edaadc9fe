// The Stripe Connect emulator: a local HTTP server that the real `stripe` SDK talks to when
// configured with { host, port, protocol: "http" }, plus the pages Stripe would host
// (onboarding, Express dashboard), signed webhooks, and controls for tests and the demo.
import type Stripe from "stripe";
import { Router, startHttpServer } from "../http";
import { sandboxStripe } from "../config";
import { mountApi } from "./api";
import { changeAccountStatus, completeOnboarding, type AccountStatusChange, type OnboardingDetails } from "./account-lifecycle";
import { platformAccount } from "./account-object";
import { BalanceLedger } from "./balances";
import { Clock } from "./clock";
import type { StripeCore } from "./core";
import { EventLog, type EventMatcher } from "./events";
import { FaultSwitchboard } from "./faults";
import { newId } from "./ids";
import { IdempotencyStore } from "./idempotency";
import { mountExpressDashboard } from "./pages/express-dashboard";
import { mountOnboardingPages } from "./pages/onboarding";
import { settlePayout, settlePendingPayouts, type PayoutOutcome } from "./payout-settlement";
import { accountLinkRoutes } from "./resources/account-links";
import { accountRoutes } from "./resources/accounts";
import { balanceRoutes } from "./resources/balance";
import { eventRoutes } from "./resources/events";
import { payoutRoutes } from "./resources/payouts";
import { transferRoutes } from "./resources/transfers";
import { createState, PLATFORM, type BalanceAmounts, type StripeEvent, type StripeState, type WebhookDeliveryLogEntry } from "./state";
import { WebhookDispatcher, type WebhookEndpoint } from "./webhooks";

/** The API version the pinned stripe SDK (23.1) sends; events are stamped with it. */
export const EMULATED_API_VERSION = "2026-10-28.endive"; // Stripe's name for an API version, not a date the emulator runs at

export interface StripeEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where signed webhooks go (the app's /webhooks/stripe); none are sent without it. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** The platform's secret key the API accepts; defaults to sandboxStripe.secretKey. */
  secretKey?: string;
  /** Origin used in the links the API hands out, when browsers reach the emulator by another address. */
  publicOrigin?: string;
  /** Waits before each webhook retry (default 100, 500, 2000 ms: three retries). */
  webhookRetryDelaysMs?: number[];
  webhookAttemptTimeoutMs?: number;
  /** The world's clock (default: the machine's), for a test that moves every sandbox's time at once. */
  now?: () => Date;
}

export interface StripeEmulator {
  url: string;
  host: string;
  port: number;
  /** Spread into the SDK's config: new Stripe(key, { ...emulator.sdkOptions }). */
  sdkOptions: { host: string; port: number; protocol: "http" };
  secretKey: string;
  /** Everything the emulator holds, to inspect in tests. */
  state: StripeState;
  close(): Promise<void>;

  /** Sets the platform's available balance per currency, e.g. { usd: 100_000 }. */
  setPlatformBalance(amounts: Record<string, number>): void;
  /** Sets available and/or pending for the platform (PLATFORM) or a connected account. */
  setBalance(owner: string, currency: string, amounts: Partial<BalanceAmounts>): void;

  /** What submitting the onboarding page does (account.updated with everything enabled). */
  completeOnboarding(accountId: string, details?: OnboardingDetails): Stripe.Account;
  /** Stripe restricting or re-enabling an account on its own (account.updated). */
  changeAccountStatus(accountId: string, change: AccountStatusChange): Stripe.Account;

  /** The bank's answer to a pending payout: payout.paid, or payout.failed with the money returned. */
  settlePayout(payoutId: string, outcome?: PayoutOutcome): Stripe.Payout;
  settlePendingPayouts(outcome?: PayoutOutcome): Stripe.Payout[];

  /** Resolves with the first event (already recorded or future) of this type or matching the predicate. */
  waitForEvent(matcher: EventMatcher, options?: { timeoutMs?: number }): Promise<StripeEvent>;
  webhooks: {
    /** Points delivery somewhere else (or nowhere); the secret defaults to the current one. */
    setEndpoint(endpoint: { url: string; secret?: string } | undefined): void;
    /** Resolves when every delivery so far has succeeded or run out of retries. */
    settled(): Promise<void>;
    /** Sends an event again, as the Dashboard's "Resend" does. */
    redeliver(eventId: string): void;
    /** Every delivery attempt, in order. */
    deliveries: WebhookDeliveryLogEntry[];
  };
  faults: FaultSwitchboard;
  /** Moves the emulator's clock forward (expires links and idempotency keys). */
  advanceClock(seconds: number): void;
}

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const secretKey = options.secretKey ?? sandboxStripe.secretKey;
  const clock = new Clock(options.now);
  const platform = platformAccount(clock.nowSeconds());
  platform.external_accounts = {
    object: "list",
    data: [{ id: newId("ba"), object: "bank_account", account: platform.id, account_holder_name: "Live Shows sandbox platform", account_holder_type: "company", account_type: null, bank_name: "STRIPE TEST BANK", country: "US", currency: "usd", default_for_currency: true, fingerprint: null, last4: "6789", routing_number: "110000000", status: "new" }],
    has_more: false,
    url: `/v1/accounts/${platform.id}/external_accounts`,
  };
  const state = createState(platform);

  let endpoint: WebhookEndpoint | undefined = options.webhookUrl ? { url: options.webhookUrl, secret: options.webhookSecret ?? sandboxStripe.webhookSecret } : undefined;
  let endpointSecret = options.webhookSecret ?? sandboxStripe.webhookSecret;
  const dispatcher = new WebhookDispatcher({
    endpoint: () => endpoint,
    log: state.deliveries,
    retryDelaysMs: options.webhookRetryDelaysMs ?? [100, 500, 2000],
    attemptTimeoutMs: options.webhookAttemptTimeoutMs ?? 10_000,
    signedAt: () => clock.worldSeconds(),
  });

  let origin = "";
  const core: StripeCore = {
    state,
    clock,
    ledger: new BalanceLedger(state.balances),
    events: new EventLog({ state, clock, apiVersion: EMULATED_API_VERSION, onRecorded: (event) => dispatcher.enqueue(event) }),
    publicOrigin: () => options.publicOrigin ?? origin,
  };

  const timers = new Set<NodeJS.Timeout>();
  const faults = new FaultSwitchboard();
  const router = new Router();
  mountApi(
    router,
    {
      state,
      secretKey: () => secretKey,
      apiVersion: EMULATED_API_VERSION,
      faults,
      idempotency: new IdempotencyStore(state.idempotency, clock),
      sleep: (ms) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        }),
    },
    [...accountRoutes(core), ...accountLinkRoutes(core), ...balanceRoutes(core), ...transferRoutes(core), ...payoutRoutes(core), ...eventRoutes(core)],
  );
  mountOnboardingPages(router, core);
  mountExpressDashboard(router, core);

  const server = await startHttpServer(router, { port: options.port ?? 0, name: "stripe sandbox" });
  origin = server.url;

  return {
    url: server.url,
    host: "127.0.0.1",
    port: server.port,
    sdkOptions: { host: "127.0.0.1", port: server.port, protocol: "http" },
    secretKey,
    state,
    close: async () => {
      dispatcher.close();
      for (const timer of timers) clearTimeout(timer);
      await server.close();
    },
    setPlatformBalance: (amounts) => {
      for (const [currency, available] of Object.entries(amounts)) core.ledger.set(PLATFORM, currency.toLowerCase(), { available });
    },
    setBalance: (owner, currency, amounts) => core.ledger.set(owner, currency.toLowerCase(), amounts),
    completeOnboarding: (accountId, details) => completeOnboarding(core, accountId, details),
    changeAccountStatus: (accountId, change) => changeAccountStatus(core, accountId, change),
    settlePayout: (payoutId, outcome) => settlePayout(core, payoutId, outcome),
    settlePendingPayouts: (outcome) => settlePendingPayouts(core, outcome),
    waitForEvent: (matcher, waitOptions) => core.events.waitFor(matcher, waitOptions),
    webhooks: {
      setEndpoint: (next) => {
        if (next?.secret) endpointSecret = next.secret;
        endpoint = next ? { url: next.url, secret: endpointSecret } : undefined;
      },
      settled: () => dispatcher.settled(),
      redeliver: (eventId) => {
        const event = state.events.find((candidate) => candidate.id === eventId);
        if (!event) throw new Error(`Stripe sandbox: no event ${eventId}`);
        dispatcher.enqueue(event);
      },
      deliveries: state.deliveries,
    },
    faults,
    advanceClock: (seconds) => clock.advance(seconds),
  };
}
