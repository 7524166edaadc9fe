// An expiring offline token is refreshed once however many requests find it expired at the same
// moment, on one instance or several: Shopify rotates the pair, so a second refresh with the
// spent refresh token is invalid_grant, which Shopify's library answers with a bare 500.
import { randomUUID } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { acquireLease, releaseLease } from "~/jobs/lease.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../sandbox/shopify";

let emulator: ShopifyEmulator;
let shopify: typeof import("~/shopify.server");
let storage: typeof import("~/shopify/offline-session-storage.server");

beforeAll(async () => {
  emulator = await startShopifyEmulator({ appUrl: "http://127.0.0.1:9", seed: false });
  emulator.webhooks.configure({ maxAttempts: 1 });
  // Modules that reach Shopify read the sandbox's address as they load.
  process.env.SHOPIFY_SANDBOX_URL = emulator.url;
  shopify = await import("~/shopify.server");
  storage = await import("~/shopify/offline-session-storage.server");
});

afterAll(async () => {
  await emulator?.close();
});

/** A shop whose stored offline token the app believes has just expired; Shopify still knows its refresh token. */
async function shopWithExpiredToken(): Promise<{ shop: string; spent: Session }> {
  const shop = `refresh-${randomUUID().slice(0, 8)}.myshopify.com`;
  emulator.state.createShop({ domain: shop });
  const issued = emulator.tokens.issue({ shop, scope: process.env.SCOPES ?? "read_products", online: false, expiring: true });
  const spent = new Session({
    id: `offline_${shop}`,
    shop,
    state: "",
    isOnline: false,
    scope: issued.scope,
    accessToken: issued.accessToken,
    expires: new Date(Date.now() - 60_000),
    refreshToken: issued.refreshToken ?? undefined,
    refreshTokenExpires: new Date(issued.refreshExpiresAt ?? 0),
  });
  await shopify.sessionStorage.storeSession(spent);
  return { shop, spent };
}

async function shopName(shop: string): Promise<string> {
  const { admin } = await shopify.unauthenticated.admin(shop);
  const response = await admin.graphql(`#graphql
    query ShopName { shop { myshopifyDomain } }`);
  const body = (await response.json()) as { data: { shop: { myshopifyDomain: string } } };
  return body.data.shop.myshopifyDomain;
}

describe("an expired offline token", () => {
  it("is refreshed once for concurrent requests on one instance, and every request uses the new token", async () => {
    const { shop, spent } = await shopWithExpiredToken();
    const answers = await Promise.allSettled(Array.from({ length: 8 }, () => shopName(shop)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill("fulfilled"));
    expect(emulator.tokens.refreshesOf(shop)).toBe(1);
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(stored.accessToken).not.toBe(spent.accessToken);
    expect(emulator.tokens.verify(shop, stored.accessToken)).toBeDefined();
  });

  it("is refreshed once across instances: the others wait for the new token and reuse it", async () => {
    const { shop } = await shopWithExpiredToken();
    const refresh = storage.refreshWithShopify(shopify.API_VERSION);
    // Two app instances: separate storages (their own in-process state) over the one database and lease.
    const instance = (instanceId: string) => new storage.FreshOfflineSessionStorage(prisma, refresh, { acquire: acquireLease, release: releaseLease, instanceId });
    const instances = [instance("one"), instance("two")];
    const loaded = await Promise.all(Array.from({ length: 6 }, (_, index) => instances[index % 2]!.loadSession(`offline_${shop}`)));
    expect(emulator.tokens.refreshesOf(shop)).toBe(1);
    expect(new Set(loaded.map((session) => session?.accessToken)).size).toBe(1);
    expect(emulator.tokens.verify(shop, loaded[0]?.accessToken)).toBeDefined();
  });

  it("is left alone while it is fresh", async () => {
    const { shop } = await shopWithExpiredToken();
    await shopName(shop);
    await Promise.all([shopName(shop), shopName(shop)]);
    expect(emulator.tokens.refreshesOf(shop)).toBe(1);
  });
});
