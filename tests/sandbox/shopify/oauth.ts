// Shopify's OAuth token endpoint as @shopify/shopify-api 15 uses it: the token exchange (a
// session token traded for an online or offline access token, offline ones expiring with a
// refresh token when asked) and the refresh_token grant. Access tokens are signed with the app
// secret, so every emulator instance that shares it accepts them, as every Shopify server
// accepts a token Shopify issued: test files each start an emulator but share one database of
// sessions.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { jwtVerify } from "jose";
import { readForm, readJson, sendJson, type Router, type SandboxRequest } from "../http";
import { shopOfRequest } from "./request-shop";
import type { SandboxState } from "./state";

const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const ONLINE_TOKEN = "urn:shopify:params:oauth:token-type:online-access-token";
const OFFLINE_TOKEN = "urn:shopify:params:oauth:token-type:offline-access-token";

/** Lifetimes Shopify documents: expiring offline tokens 1 hour (refresh 90 days), online tokens 24 hours. */
export const TOKEN_LIFETIMES = { offlineSeconds: 3600, refreshSeconds: 90 * 24 * 3600, onlineSeconds: 24 * 3600 } as const;

export interface IssuedToken {
  accessToken: string;
  shop: string;
  scope: string;
  online: boolean;
  userId: string | null;
  expiresAt: number | null; // epoch ms
  refreshToken: string | null;
  refreshExpiresAt: number | null;
}

export interface OAuthOptions {
  apiKey: string;
  apiSecret: string;
  scopes: string[];
}

/** Access tokens are `<prefix>_<claims>.<signature>`: verifiable without this instance's memory. */
function signToken(prefix: string, token: Omit<IssuedToken, "accessToken">, secret: string): string {
  const claims = Buffer.from(JSON.stringify({ ...token, nonce: randomBytes(8).toString("hex") })).toString("base64url");
  return `${prefix}_${claims}.${createHmac("sha256", secret).update(claims).digest("base64url")}`;
}

function readSignedToken(accessToken: string, secret: string): IssuedToken | undefined {
  const match = /^shp(?:at|ua)_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(accessToken);
  if (!match) return undefined;
  const expected = Buffer.from(createHmac("sha256", secret).update(match[1]!).digest("base64url"));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return { ...(JSON.parse(Buffer.from(match[1]!, "base64url").toString("utf8")) as Omit<IssuedToken, "accessToken">), accessToken };
}

/** Every access token the emulator has issued; uninstalling a shop revokes its tokens. */
export class AccessTokenStore {
  private readonly byToken = new Map<string, IssuedToken>();
  private readonly byRefresh = new Map<string, IssuedToken>();
  /** Tokens issued before a shop's uninstall stop working, whichever instance issued them. */
  private readonly revokedBefore = new Map<string, number>();
  private readonly retired = new Set<string>();
  private readonly refreshGrants = new Map<string, number>();

  constructor(
    private readonly now: () => Date,
    private readonly secret: string,
  ) {}

  issue(input: { shop: string; scope: string; online: boolean; userId?: string | null; expiring: boolean }): IssuedToken {
    const nowMs = this.now().getTime();
    const claims: Omit<IssuedToken, "accessToken"> & { issuedAt: number } = {
      issuedAt: nowMs,
      shop: input.shop,
      scope: input.scope,
      online: input.online,
      userId: input.userId ?? null,
      expiresAt: input.online ? nowMs + TOKEN_LIFETIMES.onlineSeconds * 1000 : input.expiring ? nowMs + TOKEN_LIFETIMES.offlineSeconds * 1000 : null,
      refreshToken: !input.online && input.expiring ? `shprt_${randomBytes(16).toString("hex")}` : null,
      refreshExpiresAt: !input.online && input.expiring ? nowMs + TOKEN_LIFETIMES.refreshSeconds * 1000 : null,
    };
    const token: IssuedToken = { ...claims, accessToken: signToken(input.online ? "shpua" : "shpat", claims, this.secret) };
    this.byToken.set(token.accessToken, token);
    if (token.refreshToken) this.byRefresh.set(token.refreshToken, token);
    return token;
  }

  /** The token's record when it is live and belongs to the shop. */
  verify(shop: string, accessToken: string | undefined): IssuedToken | undefined {
    if (!accessToken || this.retired.has(accessToken)) return undefined;
    const token = this.byToken.get(accessToken) ?? readSignedToken(accessToken, this.secret);
    if (!token || token.shop !== shop) return undefined;
    if (((token as { issuedAt?: number }).issuedAt ?? 0) < (this.revokedBefore.get(shop) ?? 0)) return undefined;
    if (token.expiresAt !== null && token.expiresAt <= this.now().getTime()) return undefined;
    return token;
  }

  /** Trades a refresh token for a new pair; the old access and refresh tokens stop working. */
  refresh(shop: string, refreshToken: string): IssuedToken | undefined {
    const previous = this.byRefresh.get(refreshToken);
    if (!previous || previous.shop !== shop) return undefined;
    if (previous.refreshExpiresAt !== null && previous.refreshExpiresAt <= this.now().getTime()) return undefined;
    // Shopify rotates the pair: a refresh token spends itself, so a second use is invalid_grant.
    this.byRefresh.delete(refreshToken);
    this.byToken.delete(previous.accessToken);
    this.retired.add(previous.accessToken);
    this.refreshGrants.set(shop, (this.refreshGrants.get(shop) ?? 0) + 1);
    return this.issue({ shop, scope: previous.scope, online: false, expiring: true });
  }

  /** How many refresh grants the shop's tokens have been traded in for. */
  refreshesOf(shop: string): number {
    return this.refreshGrants.get(shop) ?? 0;
  }

  revokeShop(shop: string): void {
    this.revokedBefore.set(shop, this.now().getTime() + 1);
    for (const [key, token] of this.byToken) if (token.shop === shop) this.byToken.delete(key);
    for (const [key, token] of this.byRefresh) if (token.shop === shop) this.byRefresh.delete(key);
  }
}

type TokenRequestBody = Record<string, string | undefined>;

export function registerOAuth(router: Router, { state, tokens, options }: { state: SandboxState; tokens: AccessTokenStore; options: OAuthOptions }) {
  state.on((change) => {
    if (change.topic === "app/uninstalled") tokens.revokeShop(change.shop);
  });

  router.add("POST", "/admin/oauth/access_token", async (request, response) => {
    const shop = shopOfRequest(request);
    if (!shop || !state.hasShop(shop)) return sendJson(response, 404, { errors: "Not Found" });
    const body = readTokenRequest(request);
    if (body.client_id !== options.apiKey || body.client_secret !== options.apiSecret) {
      return sendJson(response, 401, { error: "invalid_client", error_description: "Client credentials are invalid" });
    }
    const scope = options.scopes.join(",");

    if (body.grant_type === "refresh_token") {
      const renewed = body.refresh_token ? tokens.refresh(shop, body.refresh_token) : undefined;
      if (!renewed) return sendJson(response, 400, { error: "invalid_grant", error_description: "The refresh token is invalid or expired" });
      return sendJson(response, 200, tokenResponse(renewed, state.now().getTime()));
    }

    if (body.grant_type !== TOKEN_EXCHANGE_GRANT) {
      return sendJson(response, 400, { error: "unsupported_grant_type", error_description: `Unsupported grant type ${body.grant_type}` });
    }
    if (body.subject_token_type !== ID_TOKEN_TYPE || !body.subject_token) {
      return sendJson(response, 400, { error: "invalid_request", error_description: "subject_token must be an id_token" });
    }
    const claims = await verifySubjectToken(body.subject_token, shop, options, state.now());
    if (!claims) return sendJson(response, 400, { error: "invalid_subject_token", error_description: "The session token is invalid" });

    const online = body.requested_token_type === ONLINE_TOKEN;
    if (!online && body.requested_token_type !== OFFLINE_TOKEN) {
      return sendJson(response, 400, { error: "invalid_request", error_description: "requested_token_type is not supported" });
    }
    state.install(shop);
    const issued = tokens.issue({ shop, scope, online, userId: claims.sub, expiring: body.expiring === "1" });
    return sendJson(response, 200, tokenResponse(issued, state.now().getTime(), state.getShop(shop).email));
  });
}

function readTokenRequest(request: SandboxRequest): TokenRequestBody {
  const type = request.headers["content-type"] ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(readForm(request));
  const parsed = readJson<Record<string, unknown>>(request);
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, value === undefined ? undefined : String(value)]));
}

/** Signature (HS256, app secret), audience (api key), destination (this shop) and time claims. */
async function verifySubjectToken(token: string, shop: string, options: OAuthOptions, now: Date): Promise<{ sub: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(options.apiSecret), {
      algorithms: ["HS256"],
      audience: options.apiKey,
      currentDate: now,
      clockTolerance: 10,
    });
    if (payload.dest !== `https://${shop}` || payload.iss !== `https://${shop}/admin` || typeof payload.sub !== "string") return undefined;
    return { sub: payload.sub };
  } catch {
    return undefined;
  }
}

/** The JSON Shopify answers; createSession in shopify-api reads exactly these fields. */
function tokenResponse(token: IssuedToken, nowMs: number, email = "staff@example.com"): Record<string, unknown> {
  const expiresIn = (at: number | null) => (at === null ? undefined : Math.round((at - nowMs) / 1000));
  if (token.online) {
    const userId = Number(token.userId);
    return {
      access_token: token.accessToken,
      scope: token.scope,
      expires_in: expiresIn(token.expiresAt),
      associated_user_scope: token.scope,
      session: randomBytes(16).toString("hex"),
      account_number: 0,
      associated_user: {
        id: Number.isSafeInteger(userId) ? userId : token.userId,
        first_name: "Sandbox",
        last_name: "Staff",
        email,
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    };
  }
  return {
    access_token: token.accessToken,
    scope: token.scope,
    ...(token.expiresAt !== null && {
      expires_in: expiresIn(token.expiresAt),
      refresh_token: token.refreshToken,
      refresh_token_expires_in: expiresIn(token.refreshExpiresAt),
    }),
  };
}
