// Which storefront belongs to which emulator: route modules are plain functions, so the
// storefront they create is found again through the emulator's state.
import type { SandboxState } from "../state";
import type { StorefrontContext } from "./storefront-context";

const storefronts = new WeakMap<SandboxState, StorefrontContext>();

export function rememberStorefront(state: SandboxState, storefront: StorefrontContext): void {
  storefronts.set(state, storefront);
}

export function storefrontOfOrUndefined(state: SandboxState): StorefrontContext | undefined {
  return storefronts.get(state);
}

/** The storefront registered on an emulator: configure the theme, look at carts, sign customers in. */
export function storefrontOf(state: SandboxState): StorefrontContext {
  const storefront = storefronts.get(state);
  if (!storefront) throw new Error("No storefront is registered on this emulator (is registerStorefront among its route modules?)");
  return storefront;
}
