import { randomUUID } from "node:crypto";
import { createCookieSessionStorage } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { shifted } from "../../tests/support/clock";
import { endAllPortalSessions, endPortalSession, requirePortalCreator, revokeCreatorSessions, startPortalSession } from "./portal-session.server";

const uniqueShop = () => `sessions-${randomUUID().slice(0, 8)}.myshopify.com`;

async function creatorIn(shop: string, name = "Ada") {
  return prisma.creator.create({ data: { shop, email: `${randomUUID()}@creators.example`, name, status: "active" } });
}

/** A portal request carrying the cookie a response set. */
function requestWith(response: Response, path = "/creator"): Request {
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  return new Request(new URL(path, "http://127.0.0.1"), { headers: { cookie } });
}

/** What requirePortalCreator threw, or returned. */
async function portalAnswer(request: Request, now?: Date) {
  try {
    return await requirePortalCreator(request, now);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("location"), cookie: thrown.headers.get("set-cookie") };
  }
}

const sentToSignIn = { status: 302, location: "/creator/sign-in", cookie: expect.stringMatching(/^__live_shows_creator=.*Max-Age=0/) };

describe("portal sessions", () => {
  it("work until signed out, for every copy of the cookie", async () => {
    const shop = uniqueShop();
    const creator = await creatorIn(shop);
    const started = await startPortalSession(shop, creator.id);
    expect(started.headers.get("location")).toBe("/creator");
    expect(await portalAnswer(requestWith(started))).toEqual({ id: creator.id, shop, name: "Ada", email: creator.email });

    const signedOut = await endPortalSession(requestWith(started));
    expect(signedOut.headers.get("location")).toBe("/creator/sign-in?signedOut=1");
    expect(await portalAnswer(requestWith(started))).toEqual(sentToSignIn);
    expect(await prisma.creatorSession.findFirstOrThrow({ where: { shop, creatorId: creator.id } })).toMatchObject({ revokedAt: expect.any(Date) });
  });

  it("end after 14 days even when the cookie is kept, and expired rows go at the next sign-in", async () => {
    const shop = uniqueShop();
    const creator = await creatorIn(shop);
    const startedAt = new Date();
    const started = await startPortalSession(shop, creator.id, "/creator", startedAt);
    expect(await portalAnswer(requestWith(started), shifted(startedAt, { days: 14, seconds: -1 }))).toMatchObject({ id: creator.id });
    expect(await portalAnswer(requestWith(started), shifted(startedAt, { days: 14 }))).toEqual(sentToSignIn);

    await startPortalSession(shop, creator.id, "/creator", shifted(startedAt, { days: 15 }));
    expect(await prisma.creatorSession.count({ where: { shop, creatorId: creator.id } })).toBe(1);
  });

  it("all end with 'Sign out everywhere' or a revocation, leaving other creators signed in", async () => {
    const shop = uniqueShop();
    const [ada, bea] = [await creatorIn(shop, "Ada"), await creatorIn(shop, "Bea")];
    const [laptop, phone, other] = [await startPortalSession(shop, ada.id), await startPortalSession(shop, ada.id), await startPortalSession(shop, bea.id)];

    const everywhere = await endAllPortalSessions(requestWith(phone));
    expect(everywhere.headers.get("location")).toBe("/creator/sign-in?signedOut=everywhere");
    expect(await portalAnswer(requestWith(laptop))).toEqual(sentToSignIn);
    expect(await portalAnswer(requestWith(phone))).toEqual(sentToSignIn);
    expect(await portalAnswer(requestWith(other))).toMatchObject({ id: bea.id });

    expect(await revokeCreatorSessions(shop, bea.id)).toBe(1);
    expect(await portalAnswer(requestWith(other))).toEqual(sentToSignIn);
  });

  it("refuse a cookie with a forged signature, and one from before sessions were stored", async () => {
    const shop = uniqueShop();
    const creator = await creatorIn(shop);
    const started = await startPortalSession(shop, creator.id);
    const cookie = started.headers.get("set-cookie")!.split(";")[0]!;
    const forged = new Request("http://127.0.0.1/creator", { headers: { cookie: `${cookie.slice(0, -4)}AAAA` } });
    expect(await portalAnswer(forged)).toEqual(sentToSignIn);

    // The cookie the portal set before: the creator and shop themselves, signed with the same secret.
    const legacy = createCookieSessionStorage({ cookie: { name: "__live_shows_creator", secrets: [env().APP_SECRET] } });
    const session = await legacy.getSession();
    session.set("creatorId", creator.id);
    session.set("shop", shop);
    const legacyCookie = (await legacy.commitSession(session)).split(";")[0]!;
    expect(await portalAnswer(new Request("http://127.0.0.1/creator", { headers: { cookie: legacyCookie } }))).toEqual(sentToSignIn);
  });
});
