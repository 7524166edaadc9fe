// The creator portal's session: a cookie signed with APP_SECRET naming one creator in one shop.
// Every portal request re-reads the creator, so deactivating one ends their sessions at once.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import prisma from "~/db.server";
import { env } from "~/env.server";

const SESSION_DAYS = 14;

interface PortalSessionData {
  creatorId: string;
  shop: string;
}

let storage: ReturnType<typeof createCookieSessionStorage<PortalSessionData>> | undefined;

function sessionStorage() {
  const config = env();
  storage ??= createCookieSessionStorage<PortalSessionData>({
    cookie: {
      name: "__live_shows_creator",
      httpOnly: true,
      // Lax: the cookie is not sent on cross-site POSTs, which is the portal's CSRF defence.
      sameSite: "lax",
      // "/" and not "/creator": Remix's data requests go to /creator.data, which a "/creator" cookie path does not cover.
      path: "/",
      secure: new URL(config.SHOPIFY_APP_URL).protocol === "https:",
      secrets: [config.APP_SECRET],
      maxAge: SESSION_DAYS * 86_400,
    },
  });
  return storage;
}

export interface PortalCreator {
  id: string;
  shop: string;
  name: string;
  email: string;
}

/** Sets the session cookie and sends the creator to their portal. */
export async function startPortalSession(shop: string, creatorId: string, to = "/creator"): Promise<Response> {
  const store = sessionStorage();
  const session = await store.getSession();
  session.set("creatorId", creatorId);
  session.set("shop", shop);
  return redirect(to, { headers: { "set-cookie": await store.commitSession(session) } });
}

export async function endPortalSession(request: Request): Promise<Response> {
  const store = sessionStorage();
  const session = await store.getSession(request.headers.get("cookie"));
  return redirect("/creator/sign-in?signedOut=1", { headers: { "set-cookie": await store.destroySession(session) } });
}

/** The signed-in creator, or a redirect to the sign-in page (thrown, as Remix expects). */
export async function requirePortalCreator(request: Request): Promise<PortalCreator> {
  const store = sessionStorage();
  const session = await store.getSession(request.headers.get("cookie"));
  const creatorId = session.get("creatorId");
  const shop = session.get("shop");
  const creator = creatorId && shop ? await prisma.creator.findFirst({ where: { id: creatorId, shop }, select: { id: true, shop: true, name: true, email: true, status: true } }) : null;
  if (!creator || creator.status === "deactivated") {
    throw redirect("/creator/sign-in", { headers: { "set-cookie": await store.destroySession(session) } });
  }
  return { id: creator.id, shop: creator.shop, name: creator.name, email: creator.email };
}
