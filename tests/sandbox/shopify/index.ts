// The Shopify emulator: one HTTP server for everything a shop answers (Admin API, OAuth token
// endpoint, storefront, app proxy, admin shell) plus /__sandbox/ control endpoints. Requests
// name their shop with x-sandbox-shop (the app's dispatcher adds it), a *.myshopify.com Host
// header, or ?shop=.
import { Router, startHttpServer, type SandboxRequest } from "../http";
import { sandboxShopify } from "../config";
import { registerAdminApi } from "./admin-api/routes";
import { ThrottleSwitch } from "./admin-api/throttle";
import { readAppConfig, type AppConfig } from "./app-config";
import { registerControl } from "./control";
import { AccessTokenStore, registerOAuth } from "./oauth";
import { shopOfRequest } from "./request-shop";
import { seedDemoShop } from "./seed";
import { mintSessionToken, type SessionTokenInput } from "./session-token";
import { SandboxState } from "./state";
import { WebhookDispatcher } from "./webhooks";
import { registerStorefront } from "./storefront";
import { registerAppProxy } from "./app-proxy";
import { registerAdminShell } from "./admin-shell";
import { registerControlPage } from "./control-page";
import { registerChargeConfirmation } from "./charge-confirmation";
import type { AppPlanInput } from "./billing";

/** Everything a route module may use. */
export interface ShopifyEmulatorContext {
  state: SandboxState;
  /** The emulator's own origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The app under test (webhook deliveries, app proxy forwarding, the embedded admin iframe). */
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  appConfig: AppConfig;
  webhooks: WebhookDispatcher;
  tokens: AccessTokenStore;
  throttle: ThrottleSwitch;
  mintSessionToken(shop: string, options?: Partial<Omit<SessionTokenInput, "shop">>): Promise<string>;
  /** The shop a request is for: x-sandbox-shop, else a *.myshopify.com Host, else ?shop=. */
  shopOf(request: Pick<SandboxRequest, "headers" | "url">): string | undefined;
}

/** A module that adds its routes to the emulator's router. */
export type ShopifyRouteModule = (router: Router, context: ShopifyEmulatorContext) => void;

/**
 * The emulator's route modules, registered in this order after the core routes (Admin API,
 * OAuth, /__sandbox/ control). Storefront, app proxy and admin shell add theirs here.
 */
export const routeModules: ShopifyRouteModule[] = [registerStorefront, registerAppProxy, registerAdminShell, registerControlPage, registerChargeConfirmation];

export interface ShopifyEmulatorOptions {
  appUrl: string;
  port?: number;
  /** Seed northwind-demo.myshopify.com (see seed.ts). Default false. */
  seed?: boolean;
  /** More route modules, registered after routeModules. */
  register?: ShopifyRouteModule | ShopifyRouteModule[];
  apiKey?: string;
  apiSecret?: string;
  /** Another shopify.app.toml (tests of the emulator itself). */
  appTomlPath?: string;
  now?: () => Date;
  /** Every shop created starts with this subscription approved (see SandboxState). */
  acceptedPlan?: AppPlanInput | null;
}

export interface ShopifyEmulator {
  url: string;
  state: SandboxState;
  webhooks: WebhookDispatcher;
  throttle: ThrottleSwitch;
  tokens: AccessTokenStore;
  context: ShopifyEmulatorContext;
  mintSessionToken(shop: string, options?: Partial<Omit<SessionTokenInput, "shop">>): Promise<string>;
  close(): Promise<void>;
}

export async function startShopifyEmulator(options: ShopifyEmulatorOptions): Promise<ShopifyEmulator> {
  const apiKey = options.apiKey ?? sandboxShopify.apiKey;
  const apiSecret = options.apiSecret ?? sandboxShopify.apiSecret;
  const appConfig = readAppConfig(options.appTomlPath);
  const state = new SandboxState({ ...(options.now && { now: options.now }), acceptedPlan: options.acceptedPlan ?? null });
  const router = new Router();
  // Routes are matched per request, so they can be added once the port (and so the URL) is known.
  const server = await startHttpServer(router, { port: options.port ?? 0, name: "shopify-sandbox" });

  const tokens = new AccessTokenStore(() => state.now(), apiSecret);
  const webhooks = new WebhookDispatcher({ state, appUrl: options.appUrl, apiSecret, config: appConfig });
  const throttle = new ThrottleSwitch();
  const mint: ShopifyEmulatorContext["mintSessionToken"] = (shop, extra = {}) =>
    mintSessionToken({ apiKey, apiSecret, now: state.now(), ...extra, shop });
  const context: ShopifyEmulatorContext = {
    state,
    url: server.url,
    appUrl: options.appUrl.replace(/\/+$/, ""),
    apiKey,
    apiSecret,
    appConfig,
    webhooks,
    tokens,
    throttle,
    mintSessionToken: mint,
    shopOf: shopOfRequest,
  };

  registerAdminApi(router, context);
  registerOAuth(router, { state, tokens, options: { apiKey, apiSecret, scopes: appConfig.scopes } });
  registerControl(router, context);
  const extra = options.register === undefined ? [] : Array.isArray(options.register) ? options.register : [options.register];
  for (const register of [...routeModules, ...extra]) register(router, context);

  if (options.seed) seedDemoShop(state, { storefrontOrigin: server.url });

  return {
    url: server.url,
    state,
    webhooks,
    throttle,
    tokens,
    context,
    mintSessionToken: mint,
    close: async () => {
      webhooks.close();
      await server.close();
    },
  };
}

export type { SandboxState } from "./state";
