// The creator portal's session: a cookie signed with APP_SECRET carrying a random token, and a
// CreatorSession row holding the token's SHA-256 hash. The row, not the cookie, decides whether
// the session works, so a copied cookie stops working the moment its row is revoked.
//
// A row per session rather than a per-creator generation counter: "Sign out" must end this
// browser's session and leave the creator's phone signed in, which a counter cannot do (it can
// only end all of them). Every portal request already read the creator from the database, so
// reading the session with it costs no extra round trip.
import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import prisma from "~/db.server";
import { env } from "~/env.server";

const SESSION_DAYS = 14;
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

let cookie: Cookie | undefined;

function sessionCookie(): Cookie {
  const config = env();
  cookie ??= createCookie("__live_shows_creator", {
    httpOnly: true,
    // Lax: the cookie is not sent on cross-site POSTs, which is the portal's CSRF defence.
    sameSite: "lax",
    // "/" and not "/creator": Remix's data requests go to /creator.data, which a "/creator" cookie path does not cover.
    path: "/",
    secure: new URL(config.SHOPIFY_APP_URL).protocol === "https:",
    secrets: [config.APP_SECRET],
    maxAge: SESSION_DAYS * 86_400,
  });
  return cookie;
}

function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token in the request's cookie, or null when there is none or its signature does not hold. */
async function sessionTokenOf(request: Request): Promise<string | null> {
  // Cookies from before sessions were stored held an object, not a token: those sign in again.
  const value: unknown = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && SESSION_TOKEN.test(value) ? value : null;
}

async function clearedCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

export interface PortalCreator {
  id: string;
  shop: string;
  name: string;
  email: string;
}

/** Stores a new session, sets its cookie and sends the creator to their portal. */
export async function startPortalSession(shop: string, creatorId: string, to = "/creator", now = new Date()): Promise<Response> {
  const token = randomBytes(32).toString("base64url");
  // Expired rows of this creator go as a new one comes, so the table holds at most 14 days of sign-ins.
  await prisma.creatorSession.deleteMany({ where: { shop, creatorId, expiresAt: { lte: now } } });
  await prisma.creatorSession.create({
    data: { shop, creatorId, tokenHash: hashSessionToken(token), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000) },
  });
  return redirect(to, { headers: { "set-cookie": await sessionCookie().serialize(token) } });
}

/** Ends every session the creator has in this shop: "Sign out everywhere", and deactivation. */
export async function revokeCreatorSessions(shop: string, creatorId: string, now = new Date()): Promise<number> {
  const revoked = await prisma.creatorSession.updateMany({ where: { shop, creatorId, revokedAt: null }, data: { revokedAt: now } });
  return revoked.count;
}

/** Sign out: this browser's session ends on the server too, so a copy of the cookie is worth nothing. */
export async function endPortalSession(request: Request, now = new Date()): Promise<Response> {
  const token = await sessionTokenOf(request);
  if (token) await prisma.creatorSession.updateMany({ where: { tokenHash: hashSessionToken(token), revokedAt: null }, data: { revokedAt: now } });
  return redirect("/creator/sign-in?signedOut=1", { headers: { "set-cookie": await clearedCookie() } });
}

/** Sign out everywhere: every session of the signed-in creator ends, this one included. */
export async function endAllPortalSessions(request: Request, now = new Date()): Promise<Response> {
  const creator = await requirePortalCreator(request, now);
  await revokeCreatorSessions(creator.shop, creator.id, now);
  return redirect("/creator/sign-in?signedOut=everywhere", { headers: { "set-cookie": await clearedCookie() } });
}

/** The signed-in creator, or a redirect to the sign-in page (thrown, as Remix expects). */
export async function requirePortalCreator(request: Request, now = new Date()): Promise<PortalCreator> {
  const token = await sessionTokenOf(request);
  const session = token
    ? await prisma.creatorSession.findUnique({
        where: { tokenHash: hashSessionToken(token) },
        include: { creator: { select: { id: true, shop: true, name: true, email: true, status: true } } },
      })
    : null;
  // Deactivation revokes the creator's sessions, but a sign-in racing it can store one just after;
  // the status check ends that one too.
  const creator = session && !session.revokedAt && session.expiresAt > now && session.creator.shop === session.shop ? session.creator : null;
  if (!creator || creator.status === "deactivated") {
    throw redirect("/creator/sign-in", { headers: { "set-cookie": await clearedCookie() } });
  }
  return { id: creator.id, shop: creator.shop, name: creator.name, email: creator.email };
}
