// A show's chat as the player uses it, over real HTTP to the app's proxy routes, signed as
// Shopify's app proxy signs them: posts from a chosen viewer, address and signed-in customer.
import { randomBytes, randomUUID } from "node:crypto";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret, sandboxShopify } from "../sandbox/config";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { fromNow } from "./clock";
import type { Stack } from "./stack";

export interface ChatPostOptions {
  /** The signed-in customer's numeric id; a guest without. */
  customerId?: string;
  /** The shopper's address, as Shopify's proxy puts it in X-Forwarded-For (a random one when not given). */
  address?: string;
}

export interface ChatClient {
  /** A viewer token as the bootstrap hands one out, for a new viewer unless one is named. */
  viewerToken(showId: string, viewerId?: string): string;
  post(showId: string, body: Record<string, unknown>, options?: ChatPostOptions): Promise<Response>;
  history(showId: string, query?: Record<string, string>): Promise<Response>;
}

/** A shopper's address of their own, so one test's posts never count against another's per-address limit. */
const randomAddress = () => `10.${[...randomBytes(3)].join(".")}`;

export function chatClient(stack: Stack, shop: string): ChatClient {
  const signed = (path: string, customerId = "", query: Record<string, string> = {}) =>
    `${stack.appUrl}/proxy${path}?${signProxyQuery(new URLSearchParams(query), { shop, customerId, pathPrefix: "/apps/live", secret: sandboxShopify.apiSecret })}`;
  return {
    viewerToken: (showId, viewerId = randomUUID()) => signViewerToken(sandboxAppSecret, showId, fromNow({ minutes: 15 }), { viewerId, preview: false }),
    post: (showId, body, { customerId = "", address = randomAddress() } = {}) =>
      fetch(signed(`/shows/${showId}/chat`, customerId), {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", "x-forwarded-for": address },
      }),
    history: (showId, query = {}) => fetch(signed(`/shows/${showId}/chat`, "", query)),
  };
}
