// The shop's offline session, refreshed once however many requests find it expiring at the same
// moment. Shopify's library refreshes an expiring offline token wherever it loads one (the app
// proxy, webhooks, `unauthenticated.admin`), once per request; Shopify rotates the refresh token
// on use, so every refresh after the first sends a spent token, gets invalid_grant, and the
// library answers a bare 500. Loading through this storage refreshes ahead of the library's own
// margin, so it never reaches its refresh: one refresh per shop in this process (single flight),
// one across instances (a database lease), and every other caller reuses the new token.
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { LogSeverity, shopifyApi, type ApiVersion, type Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import type { PrismaClient } from "@prisma/client";
import { env } from "~/env.server";

/** The library refreshes within 5 minutes of expiry; a minute earlier, and it never has to. */
export const REFRESH_MARGIN_MS = 6 * 60_000;
/** A refresh is one HTTP call; an instance that died holding the lease frees it this soon. */
const LEASE_TTL_MS = 30_000;
/** How often an instance waiting on another's refresh looks for the new token. */
const WAIT_POLL_MS = 50;

export type RefreshOfflineToken = (shop: string, refreshToken: string) => Promise<Session>;

/** The database lease (app/jobs/lease.server.ts), handed in: this adapter sits below the jobs layer. */
export interface RefreshLease {
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** This instance's name as a holder. */
  instanceId: string;
}

function needsRefresh(session: Session): boolean {
  return !session.isOnline && Boolean(session.refreshToken) && session.isExpired(REFRESH_MARGIN_MS);
}

export class FreshOfflineSessionStorage extends PrismaSessionStorage<PrismaClient> {
  private readonly refreshing = new Map<string, Promise<Session | undefined>>();

  constructor(
    prisma: PrismaClient,
    private readonly refresh: RefreshOfflineToken,
    private readonly lease: RefreshLease,
  ) {
    super(prisma);
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const session = await super.loadSession(id);
    if (!session || !needsRefresh(session)) return session;
    const pending = this.refreshing.get(id);
    if (pending) return pending;
    const refreshed = this.refreshOnce(id).finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, refreshed);
    return refreshed;
  }

  private async refreshOnce(id: string): Promise<Session | undefined> {
    const lease = `offline-token:${id}`;
    const holder = `${this.lease.instanceId}-${randomUUID().slice(0, 8)}`;
    for (;;) {
      if (await this.lease.acquire(lease, holder, LEASE_TTL_MS)) {
        try {
          // Read again under the lease: another instance may have refreshed while this one waited.
          const current = await super.loadSession(id);
          if (!current || !needsRefresh(current)) return current;
          const renewed = await this.refresh(current.shop, current.refreshToken!);
          await this.storeSession(renewed);
          return renewed;
        } finally {
          await this.lease.release(lease, holder);
        }
      }
      // Another instance holds the lease: its new token lands in the database, or its lease lapses.
      await delay(WAIT_POLL_MS);
      const current = await super.loadSession(id);
      if (!current || !needsRefresh(current)) return current;
    }
  }
}

/**
 * Trades a refresh token through Shopify's own client, configured as the app is. It runs on the
 * runtime adapter shopify-app-remix installed (importing shopify-api's node adapter here would
 * swap the request conversion every authenticate.* call relies on).
 */
export function refreshWithShopify(apiVersion: ApiVersion): RefreshOfflineToken {
  const config = env();
  const api = shopifyApi({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    scopes: config.SCOPES.split(","),
    hostName: new URL(config.SHOPIFY_APP_URL).host,
    apiVersion,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });
  return async (shop, refreshToken) => (await api.auth.refreshToken({ shop, refreshToken })).session;
}
