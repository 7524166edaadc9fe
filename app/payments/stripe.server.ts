// The only module that talks to Stripe. Everything else speaks in creators, payouts and
// minor units of an upper-case ISO currency; Stripe's objects never leave this file.
import Stripe from "stripe";
import { z } from "zod";
import { env } from "~/env.server";
import type { SignedWebhook } from "~/http/signed-webhook";
import { ExplainedError } from "~/lib/explained-error";

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** The API origin; Stripe's own when unset (the sandbox sets it). */
  apiUrl?: string;
  /** The SDK retries network failures and 5xx with the same idempotency key (default 2). */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/**
 * Why a Stripe call did not succeed, in the terms a payout needs:
 * - "refused": Stripe ran the request and said no (invalid request, insufficient funds,
 *   missing capability). Stripe keeps that answer for the idempotency key, so retrying the
 *   same key can only get the same no; nothing happened.
 * - "unknown": the request may or may not have run (timeout, dropped connection, 5xx, 429,
 *   a concurrent request with the same key). Only a retry with the same key is safe.
 */
export class PaymentsError extends ExplainedError {
  constructor(
    message: string,
    readonly outcome: "refused" | "unknown",
    readonly code: string | null,
    options: { cause?: unknown; explanation?: string } = {},
  ) {
    const { explanation, ...rest } = options;
    super(explanation ?? message, { ...rest, message });
    this.name = "PaymentsError";
  }
}

export interface ConnectedAccountStatus {
  accountId: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Requirement names Stripe lists as currently due, e.g. "external_account". */
  requirementsDue: string[];
  disabledReason: string | null;
}

export interface TransferRecord {
  id: string;
  amountMinor: number;
  amountReversedMinor: number;
  reversed: boolean;
  currency: string;
  destination: string;
  transferGroup: string | null;
  metadata: Record<string, string>;
}

export interface BankPayoutRecord {
  id: string;
  amountMinor: number;
  currency: string;
  status: string;
  arrivalDate: Date | null;
  failureMessage: string | null;
}

export interface BalanceAmount {
  currency: string;
  availableMinor: number;
  pendingMinor: number;
}

export type PaymentsEvent = { id: string; created: Date } & (
  | { type: "account.updated"; accountId: string }
  | { type: "transfer.created" | "transfer.updated" | "transfer.reversed"; transfer: TransferRecord }
  | { type: "payout.created" | "payout.updated" | "payout.paid" | "payout.failed" | "payout.canceled"; accountId: string | null; payout: BankPayoutRecord }
  | { type: "other"; stripeType: string }
);

export interface TransferRequest {
  amountMinor: number;
  currency: string;
  destination: string;
  transferGroup: string;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export interface Payments {
  createExpressAccount(input: { email: string; idempotencyKey: string; metadata: Record<string, string> }): Promise<ConnectedAccountStatus>;
  retrieveAccountStatus(accountId: string): Promise<ConnectedAccountStatus>;
  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<string>;
  createDashboardLink(accountId: string): Promise<string>;
  platformBalance(): Promise<BalanceAmount[]>;
  createTransfer(request: TransferRequest): Promise<TransferRecord>;
  /** The transfer an earlier attempt made for this payout, found by its transfer group and metadata. */
  findTransfer(input: { transferGroup: string; payoutId: string }): Promise<TransferRecord | null>;
  /** Verifies Stripe-Signature (401 when missing, forged or past Stripe's 5-minute tolerance) and reads the event (400 when it is not one). */
  readWebhookEvent(rawBody: string, signature: string | null): SignedWebhook<PaymentsEvent>;
}

// Stripe counts these currencies in units of 100 although they have no minor unit in use
// (ISO 4217 gives ISK and UGX zero decimals); amounts go to Stripe × 100 and come back ÷ 100.
const HUNDREDFOLD_IN_STRIPE = new Set(["ISK", "UGX"]);

export function toStripeAmount(minor: number, currency: string): number {
  return HUNDREDFOLD_IN_STRIPE.has(currency.toUpperCase()) ? minor * 100 : minor;
}

export function fromStripeAmount(amount: number, currency: string): number {
  return HUNDREDFOLD_IN_STRIPE.has(currency.toUpperCase()) ? Math.trunc(amount / 100) : amount;
}

const unansweredWords = (action: string) => `Stripe could not ${action} just now; try again in a moment.`;

function describe(action: string, error: unknown): PaymentsError {
  if (error instanceof PaymentsError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const refused =
      (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) &&
      error.rawType !== "idempotency_error" &&
      (error.statusCode ?? 0) < 500;
    const reason = error.message || error.type;
    // Stripe words a refusal for the person it refuses (insufficient funds, a missing capability);
    // an unknown outcome's detail (a timeout, a 5xx) is for the log.
    return new PaymentsError(`Stripe could not ${action}: ${reason}`, refused ? "refused" : "unknown", error.code ?? null, {
      cause: error,
      explanation: refused ? `Stripe could not ${action}: ${reason}` : unansweredWords(action),
    });
  }
  return new PaymentsError(`Stripe could not ${action}: ${error instanceof Error ? error.message : String(error)}`, "unknown", null, { cause: error, explanation: unansweredWords(action) });
}

async function call<T>(action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw describe(action, error);
  }
}

function accountStatus(account: Stripe.Account): ConnectedAccountStatus {
  return {
    accountId: account.id,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirementsDue: account.requirements?.currently_due ?? [],
    disabledReason: account.requirements?.disabled_reason ?? null,
  };
}

function transferRecord(transfer: Stripe.Transfer): TransferRecord {
  const currency = transfer.currency.toUpperCase();
  return {
    id: transfer.id,
    amountMinor: fromStripeAmount(transfer.amount, currency),
    amountReversedMinor: fromStripeAmount(transfer.amount_reversed, currency),
    reversed: transfer.reversed,
    currency,
    destination: typeof transfer.destination === "string" ? transfer.destination : (transfer.destination?.id ?? ""),
    transferGroup: transfer.transfer_group ?? null,
    metadata: { ...(transfer.metadata ?? {}) },
  };
}

function bankPayoutRecord(payout: Stripe.Payout): BankPayoutRecord {
  const currency = payout.currency.toUpperCase();
  return {
    id: payout.id,
    amountMinor: fromStripeAmount(payout.amount, currency),
    currency,
    status: payout.status,
    arrivalDate: payout.arrival_date ? new Date(payout.arrival_date * 1000) : null,
    failureMessage: payout.failure_message ?? null,
  };
}

// The parts of a webhook event the app reads, checked before they are read: a signed event of
// another shape gets 400 with the field that is wrong, not a TypeError and a 500.
const eventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int(),
  account: z.string().nullish(),
  data: z.object({ object: z.looseObject({}) }),
});
const eventObjects = {
  account: z.looseObject({ id: z.string().min(1) }),
  transfer: z.looseObject({
    id: z.string().min(1),
    amount: z.number().int(),
    amount_reversed: z.number().int(),
    reversed: z.boolean(),
    currency: z.string().min(1),
    destination: z.union([z.string(), z.looseObject({ id: z.string() })]).nullable(),
    transfer_group: z.string().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
  }),
  payout: z.looseObject({
    id: z.string().min(1),
    amount: z.number().int(),
    currency: z.string().min(1),
    status: z.string().min(1),
    arrival_date: z.number().nullish(),
    failure_message: z.string().nullish(),
  }),
};

function eventObjectKind(type: string): keyof typeof eventObjects | null {
  if (type === "account.updated") return "account";
  if (type.startsWith("transfer.")) return "transfer";
  if (type.startsWith("payout.")) return "payout";
  return null;
}

function malformedEvent(error: z.ZodError, prefix = ""): SignedWebhook<never> {
  return { ok: false, status: 400, reason: `Stripe event: ${error.issues.map((issue) => `${prefix}${issue.path.join(".")} ${issue.message}`).join("; ")}` };
}

function readWebhookBody(raw: unknown): SignedWebhook<PaymentsEvent> {
  const envelope = eventEnvelope.safeParse(raw);
  if (!envelope.success) return malformedEvent(envelope.error);
  const kind = eventObjectKind(envelope.data.type);
  const object = kind ? eventObjects[kind].safeParse(envelope.data.data.object) : null;
  if (object && !object.success) return malformedEvent(object.error, "data.object.");
  return { ok: true, event: readEvent(raw as Stripe.Event) };
}

function readEvent(event: Stripe.Event): PaymentsEvent {
  const base = { id: event.id, created: new Date(event.created * 1000) };
  switch (event.type) {
    case "account.updated":
      return { ...base, type: event.type, accountId: event.data.object.id };
    case "transfer.created":
    case "transfer.updated":
    case "transfer.reversed":
      return { ...base, type: event.type, transfer: transferRecord(event.data.object) };
    case "payout.created":
    case "payout.updated":
    case "payout.paid":
    case "payout.failed":
    case "payout.canceled":
      return { ...base, type: event.type, accountId: event.account ?? null, payout: bankPayoutRecord(event.data.object) };
    default:
      return { ...base, type: "other", stripeType: event.type };
  }
}

function sdkHostOptions(apiUrl: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

export function createStripePayments(settings: StripeSettings): Payments {
  const stripe = new Stripe(settings.secretKey, {
    ...sdkHostOptions(settings.apiUrl),
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    timeout: settings.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: "Live Shows" },
  });

  return {
    createExpressAccount: ({ email, idempotencyKey, metadata }) =>
      call("create the creator's connected account", async () =>
        accountStatus(
          await stripe.accounts.create(
            { type: "express", email, capabilities: { transfers: { requested: true } }, metadata },
            { idempotencyKey },
          ),
        ),
      ),

    retrieveAccountStatus: (accountId) => call("read the connected account", async () => accountStatus(await stripe.accounts.retrieve(accountId))),

    createOnboardingLink: ({ accountId, refreshUrl, returnUrl }) =>
      call("create an onboarding link", async () =>
        (await stripe.accountLinks.create({ account: accountId, type: "account_onboarding", refresh_url: refreshUrl, return_url: returnUrl })).url,
      ),

    createDashboardLink: (accountId) => call("open the Express dashboard", async () => (await stripe.accounts.createLoginLink(accountId)).url),

    platformBalance: () =>
      call("read the platform balance", async () => {
        const balance = await stripe.balance.retrieve();
        const amounts = new Map<string, BalanceAmount>();
        const entry = (currency: string) => {
          const code = currency.toUpperCase();
          const existing = amounts.get(code) ?? { currency: code, availableMinor: 0, pendingMinor: 0 };
          amounts.set(code, existing);
          return existing;
        };
        for (const { amount, currency } of balance.available) entry(currency).availableMinor += fromStripeAmount(amount, currency);
        for (const { amount, currency } of balance.pending) entry(currency).pendingMinor += fromStripeAmount(amount, currency);
        return [...amounts.values()].sort((a, b) => a.currency.localeCompare(b.currency));
      }),

    createTransfer: (request) =>
      call("create the transfer", async () =>
        transferRecord(
          await stripe.transfers.create(
            {
              amount: toStripeAmount(request.amountMinor, request.currency),
              currency: request.currency.toLowerCase(),
              destination: request.destination,
              transfer_group: request.transferGroup,
              description: request.description,
              metadata: request.metadata,
            },
            { idempotencyKey: request.idempotencyKey },
          ),
        ),
      ),

    findTransfer: ({ transferGroup, payoutId }) =>
      call("look up earlier transfers", async () => {
        for await (const transfer of stripe.transfers.list({ transfer_group: transferGroup, limit: 100 })) {
          if (transfer.metadata?.payout_id === payoutId) return transferRecord(transfer);
        }
        return null;
      }),

    readWebhookEvent: (rawBody, signature) => {
      if (!signature) return { ok: false, status: 401, reason: "The request has no Stripe-Signature header" };
      let raw: unknown;
      try {
        raw = stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret);
      } catch (error) {
        // The signature is checked before the body is parsed: anything else thrown is the parse.
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) return { ok: false, status: 401, reason: `Invalid Stripe-Signature: ${error.message}` };
        return { ok: false, status: 400, reason: "Stripe event: the body is not JSON" };
      }
      return readWebhookBody(raw);
    },
  };
}

let configured: Payments | undefined;

/** The app's Stripe client, configured from the environment. */
export function payments(): Payments {
  const config = env();
  configured ??= createStripePayments({
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    apiUrl: config.STRIPE_API_URL,
  });
  return configured;
}
