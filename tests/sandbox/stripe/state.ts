// Everything the emulator knows, in one inspectable object. API objects are stored in the
// stripe SDK's own types, so the compiler holds the emulator to the shapes the app will read.
import type Stripe from "stripe";

/** The balance owner key of the platform itself; connected accounts are keyed by their acct_ id. */
export const PLATFORM = "platform";

export interface BalanceAmounts {
  available: number;
  pending: number;
}

export interface StripeEvent {
  id: string;
  object: "event";
  /** Set on events that happened on a connected account (Connect events). */
  account?: string;
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface AccountLinkRecord {
  token: string;
  account: string;
  type: "account_onboarding" | "account_update";
  refreshUrl: string;
  returnUrl: string;
  created: number;
  expiresAt: number;
  /** When the onboarding form was submitted; a used link cannot be used again. */
  usedAt: number | null;
}

export interface LoginLinkRecord {
  token: string;
  account: string;
  created: number;
  expiresAt: number;
}

export interface PayoutRecord {
  /** The connected account that paid out, or null for a payout of the platform's own balance. */
  account: string | null;
  payout: Stripe.Payout;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyEntry {
  /** PLATFORM or the acct_ id of the Stripe-Account the request acted on: keys are scoped per account. */
  scope: string;
  key: string;
  method: string;
  path: string;
  /** Canonical JSON of the decoded parameters. */
  fingerprint: string;
  originalRequestId: string;
  created: number;
  /** Undefined while the first request with this key is still executing. */
  response: StoredResponse | undefined;
}

export type RequestOutcome = "answered" | "replayed" | "hung" | "disconnected";

export interface ApiRequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  account: string | null;
  idempotencyKey: string | null;
  /** HTTP status sent, or 0 when no answer was sent (hung or disconnected). */
  status: number;
  outcome: RequestOutcome;
  fault: string | null;
}

export interface WebhookDeliveryLogEntry {
  eventId: string;
  type: string;
  url: string;
  attempt: number;
  /** HTTP status of the endpoint's answer, or null when it could not be reached. */
  status: number | null;
  error: string | null;
  ok: boolean;
  at: Date;
}

export interface StripeState {
  /** The platform's own account (GET /v1/account without Stripe-Account). */
  platformAccount: Stripe.Account;
  accounts: Map<string, Stripe.Account>;
  transfers: Map<string, Stripe.Transfer>;
  payouts: Map<string, PayoutRecord>;
  topups: Map<string, Stripe.Topup>;
  /** owner (PLATFORM or acct_ id) → currency → amounts in minor units. */
  balances: Map<string, Map<string, BalanceAmounts>>;
  events: StripeEvent[];
  accountLinks: Map<string, AccountLinkRecord>;
  loginLinks: Map<string, LoginLinkRecord>;
  idempotency: Map<string, IdempotencyEntry>;
  requests: ApiRequestLogEntry[];
  deliveries: WebhookDeliveryLogEntry[];
}

export function createState(platformAccount: Stripe.Account): StripeState {
  return {
    platformAccount,
    accounts: new Map(),
    transfers: new Map(),
    payouts: new Map(),
    topups: new Map(),
    balances: new Map(),
    events: [],
    accountLinks: new Map(),
    loginLinks: new Map(),
    idempotency: new Map(),
    requests: [],
    deliveries: [],
  };
}
