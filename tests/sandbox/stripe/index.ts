// The Stripe Connect emulator's public surface.
export { startStripeEmulator, EMULATED_API_VERSION, type StripeEmulator, type StripeEmulatorOptions } from "./emulator";
export type { FaultKind, FaultSpec, ArmedFault } from "./faults";
export type { AccountStatusChange, OnboardingDetails } from "./account-lifecycle";
export type { PayoutOutcome } from "./payout-settlement";
export type { EventMatcher } from "./events";
export { signWebhookPayload } from "./webhooks";
export { PLATFORM, type StripeState, type StripeEvent, type ApiRequestLogEntry, type WebhookDeliveryLogEntry } from "./state";
