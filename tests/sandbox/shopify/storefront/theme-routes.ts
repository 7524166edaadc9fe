// A control endpoint for the theme editor's choices, so end-to-end tests and the demo can place
// the app block, change its settings or switch the app embed off over HTTP:
//   GET  /__sandbox/storefront/theme?shop=…   → the shop's theme settings
//   POST /__sandbox/storefront/theme?shop=…   (JSON: any of home, product, embeds, locale)
//   DELETE /__sandbox/storefront/theme?shop=… → back to the defaults
import type { Router } from "../../http";
import { readJson, sendJson } from "../../http";
import type { ThemeSettingsPatch } from "./theme-settings";
import { storefrontShop, type StorefrontContext } from "./storefront-context";

export const THEME_CONTROL_PATH = "/__sandbox/storefront/theme";

export function registerThemeRoutes(router: Router, context: StorefrontContext): void {
  router.add("GET", THEME_CONTROL_PATH, (request, response) => {
    sendJson(response, 200, context.theme.get(storefrontShop(context, request, [])));
  });
  router.add("POST", THEME_CONTROL_PATH, (request, response) => {
    const shop = storefrontShop(context, request, []);
    try {
      sendJson(response, 200, context.theme.configure(shop, readJson<ThemeSettingsPatch>(request)));
    } catch (error) {
      sendJson(response, 422, { errors: (error as Error).message });
    }
  });
  router.add("DELETE", THEME_CONTROL_PATH, (request, response) => {
    const shop = storefrontShop(context, request, []);
    context.theme.reset(shop);
    sendJson(response, 200, context.theme.get(shop));
  });
}
