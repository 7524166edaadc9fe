import { Agent, setGlobalDispatcher, type Dispatcher } from "undici";

const SHOP_HOST = /\.myshopify\.com$/;

/**
 * In sandbox mode every request to a *.myshopify.com shop goes to the local Shopify emulator
 * instead, with the shop's host kept in `x-sandbox-shop`. Nothing else changes: the real
 * Shopify SDK builds the same requests it would send to Shopify.
 */
class SandboxShopDispatcher extends Agent {
  constructor(private readonly sandboxOrigin: string) {
    super();
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = options.origin ? new URL(options.origin.toString()) : undefined;
    if (!origin || !SHOP_HOST.test(origin.hostname)) return super.dispatch(options, handler);
    return super.dispatch(
      { ...options, origin: this.sandboxOrigin, headers: withHeader(options.headers, "x-sandbox-shop", origin.hostname) },
      handler,
    );
  }
}

function withHeader(headers: Dispatcher.DispatchOptions["headers"], name: string, value: string) {
  if (!headers) return { [name]: value };
  if (Array.isArray(headers)) return [...headers, name, value];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    return [...(headers as Iterable<[string, string]>)].flat().concat([name, value]);
  }
  return { ...(headers as Record<string, string>), [name]: value };
}

export function routeShopsToSandbox(sandboxOrigin: string) {
  setGlobalDispatcher(new SandboxShopDispatcher(sandboxOrigin));
}
