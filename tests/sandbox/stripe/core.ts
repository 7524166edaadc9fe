// What every endpoint, page and control of the emulator works with.
import type { BalanceLedger } from "./balances";
import type { Clock } from "./clock";
import type { EventLog } from "./events";
import type { StripeState } from "./state";

export interface StripeCore {
  state: StripeState;
  clock: Clock;
  ledger: BalanceLedger;
  events: EventLog;
  /** The origin that links handed out by the API (onboarding, Express dashboard) point at. */
  publicOrigin(): string;
}
