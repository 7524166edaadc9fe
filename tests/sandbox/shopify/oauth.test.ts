// The token endpoint as @shopify/shopify-api's auth.tokenExchange and auth.refreshToken use it.
import { HttpResponseError, RequestedTokenType } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeShopsToSandbox } from "../../../app/shopify/sandbox-dispatcher.server";
import { sandboxShopify } from "../config";
import { startShopifyEmulator, type ShopifyEmulator } from "./index";
import { mintSessionToken } from "./session-token";
import { testShopifyApi } from "./testing";

const SHOP = "oauth-test.myshopify.com";
const shopify = testShopifyApi();
let emulator: ShopifyEmulator;

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9" });
  emulator.webhooks.configure({ maxAttempts: 1 });
  emulator.state.createShop({ domain: SHOP });
  routeShopsToSandbox(emulator.url);
});

afterAll(async () => {
  await emulator?.close();
});

function postToken(body: Record<string, unknown>) {
  return fetch(`${emulator.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "x-sandbox-shop": SHOP },
    body: JSON.stringify(body),
  });
}

describe("token exchange", () => {
  it("issues an expiring offline token with a refresh token and the app's scopes", async () => {
    const sessionToken = await emulator.mintSessionToken(SHOP);
    const { session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken, expiring: true });
    expect(session.id).toBe(`offline_${SHOP}`);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.scope).toBe("read_products,read_inventory,read_locations,read_orders,write_discounts");
    expect(session.refreshToken).toMatch(/^shprt_/);
    const lifetime = (session.expires?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    expect(emulator.tokens.verify(SHOP, session.accessToken)).toBeDefined();
  });

  it("issues a non-expiring offline token when expiring is off", async () => {
    const sessionToken = await emulator.mintSessionToken(SHOP);
    const { session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken });
    expect(session.expires).toBeUndefined();
    expect(session.refreshToken).toBeUndefined();
  });

  it("issues an online token for the staff member named in the session token", async () => {
    const sessionToken = await emulator.mintSessionToken(SHOP, { userId: "4242" });
    const { session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OnlineAccessToken });
    expect(session.isOnline).toBe(true);
    expect(session.id).toBe(`${SHOP}_4242`);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(4242);
  });

  it("trades a refresh token for a new pair and retires the old access token", async () => {
    const sessionToken = await emulator.mintSessionToken(SHOP);
    const { session: first } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken, expiring: true });
    const { session: second } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: first.refreshToken ?? "" });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(emulator.tokens.verify(SHOP, first.accessToken)).toBeUndefined();
    expect(emulator.tokens.verify(SHOP, second.accessToken)).toBeDefined();
    await expect(shopify.auth.refreshToken({ shop: SHOP, refreshToken: first.refreshToken ?? "" })).rejects.toBeInstanceOf(HttpResponseError);
  });

  it("rejects a session token signed with another secret, or for another shop", async () => {
    const forged = await mintSessionToken({ shop: SHOP, apiKey: sandboxShopify.apiKey, apiSecret: "not-the-secret" });
    const base = {
      client_id: sandboxShopify.apiKey,
      client_secret: sandboxShopify.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    };
    const wrongSecret = await postToken({ ...base, subject_token: forged });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toMatchObject({ error: "invalid_subject_token" });

    const otherShop = await emulator.mintSessionToken("someone-else.myshopify.com");
    expect((await postToken({ ...base, subject_token: otherShop })).status).toBe(400);

    const badClient = await postToken({ ...base, client_secret: "wrong", subject_token: await emulator.mintSessionToken(SHOP) });
    expect(badClient.status).toBe(401);
  });

  it("revokes a shop's tokens when the app is uninstalled", async () => {
    const sessionToken = await emulator.mintSessionToken(SHOP);
    const { session } = await shopify.auth.tokenExchange({ shop: SHOP, sessionToken, requestedTokenType: RequestedTokenType.OfflineAccessToken });
    emulator.state.uninstall(SHOP);
    expect(emulator.tokens.verify(SHOP, session.accessToken)).toBeUndefined();
    // Opening the app again installs it again.
    await shopify.auth.tokenExchange({ shop: SHOP, sessionToken: await emulator.mintSessionToken(SHOP), requestedTokenType: RequestedTokenType.OfflineAccessToken });
    expect(emulator.state.getShop(SHOP).installed).toBe(true);
  });
});

describe("session tokens", () => {
  it("carry Shopify's claims and verify with shopify-api's decoder", async () => {
    const token = await emulator.mintSessionToken(SHOP, { userId: "77" });
    const payload = await shopify.session.decodeSessionToken(token);
    expect(payload).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: sandboxShopify.apiKey, sub: "77" });
    expect(payload.exp - payload.iat).toBe(60);
    expect(typeof payload.jti).toBe("string");
    expect(typeof payload.sid).toBe("string");
  });
});
