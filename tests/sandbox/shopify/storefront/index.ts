// The sandbox storefront: a small Liquid theme that includes the app's theme extension, the
// AJAX Cart API with a cookie-held cart, and a test-mode checkout that creates paid orders.
// `registerStorefront` is the emulator route module; `storefrontOf(state)` gives tests the
// theme settings, carts and customers of a running emulator.
import type { Router } from "../../http";
import { sandboxShopify } from "../../config";
import type { ShopifyEmulatorContext } from "../index";
import type { SandboxState } from "../state";
import { rememberStorefront } from "./registry";
import { registerAssetRoutes } from "./asset-routes";
import { registerCartRoutes } from "./cart-routes";
import { CartBook } from "./carts";
import { registerCheckoutRoutes } from "./checkout-routes";
import { StorefrontCustomers } from "./customers";
import { registerPageRoutes } from "./page-routes";
import { ThemeRenderer } from "./render-page";
import type { StorefrontContext } from "./storefront-context";
import { loadThemeExtension, LIVE_SHOWS_EXTENSION_DIR } from "./theme-extension";
import { registerThemeRoutes } from "./theme-routes";
import { ThemeSettingsBook } from "./theme-settings";

export type Storefront = StorefrontContext;

export function createStorefront(state: SandboxState, { extensionDir = LIVE_SHOWS_EXTENSION_DIR, defaultShop = sandboxShopify.shopDomain } = {}): Storefront {
  const extension = loadThemeExtension(extensionDir);
  return {
    state,
    carts: new CartBook(state),
    theme: new ThemeSettingsBook(extension),
    customers: new StorefrontCustomers(state),
    renderer: new ThemeRenderer(extension),
    defaultShop,
  };
}

/** Emulator route module: storefront pages, the AJAX cart, checkout, CDN files, theme control. */
export function registerStorefront(router: Router, emulator: Pick<ShopifyEmulatorContext, "state">): void {
  const storefront = createStorefront(emulator.state);
  rememberStorefront(emulator.state, storefront);
  registerThemeRoutes(router, storefront);
  registerAssetRoutes(router, storefront, storefront.renderer.extension.dir);
  registerCartRoutes(router, storefront);
  registerCheckoutRoutes(router, storefront);
  registerPageRoutes(router, storefront);
}

export { storefrontOf } from "./registry";
export type { ThemeSettings, ThemeSettingsPatch, AppBlockPlacement, AppEmbedSetting } from "./theme-settings";
