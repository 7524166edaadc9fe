// Stock truth end to end through the sandbox: a shopper's checkout in the sandbox storefront
// makes Shopify send inventory_levels/update, and every open stream of the live show hears it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StockEventData } from "~/realtime/events";
import { dataOf, openEventStream, type EventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;
let stream: EventStream | undefined;

beforeAll(async () => {
  stack = await startStack({ seed: false });
  shop = await openStorefrontShop(stack);
});

afterAll(async () => {
  stream?.close();
  await stack?.close();
});

/** A shopper's browser: the storefront's cart lives in a cookie. */
function shopperSession() {
  const cookies = new Map<string, string>();
  return async (path: string, init: RequestInit = {}) => {
    const response = await fetch(shop.storefront(path), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      cookies.set(name, value);
    }
    return response;
  };
}

describe("a checkout during a live show", () => {
  it("reaches an open stream as a stock event for the variant sold", async () => {
    const { scarf } = shop.products;
    const variant = scarf.variants[0]!;
    const show = await createShow(shop, { title: "Scarves live", products: [scarf] });
    await stack.mux.connectEncoder(show.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    // The storefront's first bootstrap reads the lineup's stock into the app's cache.
    expect((await fetch(shop.storefront(`/apps/live/shows/${show.id}`))).status).toBe(200);
    const before = stack.shopify.state.availableQuantity(shop.domain, variant)!;

    stream = await openEventStream(`${stack.appUrl}/realtime/shows/${show.id}?shop=${shop.domain}`, { origin: new URL(stack.shopify.url).origin });
    expect(stream.status).toBe(200);

    const shopper = shopperSession();
    const added = await shopper("/cart/add.js", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ items: [{ id: variant.id.split("/").pop(), quantity: 1, properties: { _live_show: show.id } }] }),
    });
    expect(added.status).toBe(200);
    const paid = await shopper("/checkout", { method: "POST" });
    expect(paid.status).toBeLessThan(400);

    for (;;) {
      const message = await stream.next(10_000);
      if (message.event !== "stock") continue;
      const stock = dataOf<StockEventData>(message);
      if (stock.variantId !== variant.id) continue;
      expect(stock.available).toBe(before - 1);
      break;
    }
    expect(stack.shopify.webhooks.log.some((delivery) => delivery.topic === "inventory_levels/update")).toBe(true);
  });
});
