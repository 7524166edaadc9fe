// What every Admin API resolver receives: the store, the shop the token belongs to, and the
// API version the request named.
import type { SandboxShop, SandboxState } from "../state";

export interface AdminContext {
  state: SandboxState;
  shop: SandboxShop;
  version: string;
  /** The access token's scopes. */
  scopes: Set<string>;
  /** The emulator's origin: pages Shopify itself serves (a charge's confirmation) live there. */
  url: string;
  apiSecret: string;
}
