// Magic links into the creator portal: a random token in the link, only its SHA-256 hash in
// the database, valid once and for a short time. A stolen database cannot sign anyone in, and
// a link forwarded after use is worth nothing.
import { createHash, randomBytes } from "node:crypto";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { getShopSettings } from "~/shops/shops.server";
import { sendMail } from "~/mail/mailer.server";
import { invitationEmail, signInEmail } from "./emails";
import { log } from "~/lib/log.server";

export const INVITATION_TTL_HOURS = 72;
export const SIGN_IN_TTL_MINUTES = 20;
/** At most this many sign-in links per creator in SIGN_IN_TTL_MINUTES, so the form cannot be used to flood an inbox. */
const SIGN_IN_LINKS_PER_WINDOW = 3;

export function hashLoginToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function signInUrl(token: string): string {
  return new URL(`/creator/sign-in?token=${encodeURIComponent(token)}`, env().SHOPIFY_APP_URL).toString();
}

export async function issueLoginToken(shop: string, creatorId: string, ttlMs: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await prisma.creatorLoginToken.create({
    data: { shop, creatorId, tokenHash: hashLoginToken(token), expiresAt: new Date(now.getTime() + ttlMs), createdAt: now },
  });
  return token;
}

/** Emails the creator a link to their portal; the first one a merchant sends is the invitation. */
export async function emailPortalLink(shop: string, creatorId: string, kind: "invitation" | "sign-in", now = new Date()): Promise<void> {
  const creator = await prisma.creator.findFirstOrThrow({ where: { id: creatorId, shop } });
  const { name: shopName } = await getShopSettings(shop);
  if (kind === "invitation") {
    const token = await issueLoginToken(shop, creator.id, INVITATION_TTL_HOURS * 3_600_000, now);
    await sendMail(invitationEmail({ to: creator.email, creatorName: creator.name, shopName, link: signInUrl(token), expiresInHours: INVITATION_TTL_HOURS }));
  } else {
    const token = await issueLoginToken(shop, creator.id, SIGN_IN_TTL_MINUTES * 60_000, now);
    await sendMail(signInEmail({ to: creator.email, creatorName: creator.name, shopName, link: signInUrl(token), expiresInMinutes: SIGN_IN_TTL_MINUTES }));
  }
}

/**
 * Sends "Email me a sign-in link"'s links: one per shop the address hosts for (a creator is a
 * separate person to each merchant). A link that cannot be sent is logged, and the others still go.
 */
export async function sendSignInLinks(email: string, now = new Date()): Promise<void> {
  const creators = await prisma.creator.findMany({ where: { email: email.trim().toLowerCase(), status: { not: "deactivated" } }, select: { id: true, shop: true } });
  for (const creator of creators) {
    const recent = await prisma.creatorLoginToken.count({
      where: { shop: creator.shop, creatorId: creator.id, createdAt: { gt: new Date(now.getTime() - SIGN_IN_TTL_MINUTES * 60_000) } },
    });
    if (recent >= SIGN_IN_LINKS_PER_WINDOW) continue;
    try {
      await emailPortalLink(creator.shop, creator.id, "sign-in", now);
    } catch (error) {
      log.error({ err: error }, `[creators] the sign-in link for creator ${creator.id} of ${creator.shop} could not be sent:`);
    }
  }
}

/** Beyond this many waiting requests new ones are dropped: a flood of the form must not grow memory without bound. */
const MAX_WAITING_SIGN_IN_REQUESTS = 200;
const waitingSignInRequests: string[] = [];
let sendingSignInLinks = false;

/**
 * "Email me a sign-in link" answers before anything is looked up, so it takes as long for an
 * address nobody uses as for a creator's: sending the link made a creator's answer 60–77 ms and
 * anyone else's ~10 ms, which told whoever timed the form who hosts shows. The requests are worked
 * through one at a time, after the response, so a flood of them cannot open a flood of SMTP
 * connections and, within an instance, the per-creator limit is counted without racing itself. A
 * request still waiting when the process stops is lost; the creator asks again.
 */
export function requestSignInLinks(email: string): void {
  if (waitingSignInRequests.length >= MAX_WAITING_SIGN_IN_REQUESTS) {
    log.warn(`[creators] ${MAX_WAITING_SIGN_IN_REQUESTS} sign-in link requests are waiting; a new one was dropped.`);
    return;
  }
  waitingSignInRequests.push(email);
  if (!sendingSignInLinks) {
    sendingSignInLinks = true;
    void sendWaitingSignInLinks();
  }
}

async function sendWaitingSignInLinks(): Promise<void> {
  try {
    for (let email = waitingSignInRequests.shift(); email !== undefined; email = waitingSignInRequests.shift()) {
      try {
        await sendSignInLinks(email);
      } catch (error) {
        log.error({ err: error }, "[creators] sign-in links could not be looked up:");
      }
    }
  } finally {
    // Set in the same turn as the empty queue was seen, so a request arriving now starts a new pass.
    sendingSignInLinks = false;
  }
}

export type SignInResult = { ok: true; shop: string; creatorId: string } | { ok: false; reason: string };

/** Spends the token: the conditional write succeeds for exactly one request, however many race. */
export async function consumeLoginToken(token: string, now = new Date()): Promise<SignInResult> {
  const refused: SignInResult = { ok: false, reason: "This sign-in link has expired or was already used. Ask for a new one below." };
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return refused;
  const tokenHash = hashLoginToken(token);
  const spent = await prisma.creatorLoginToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (spent.count !== 1) return refused;
  const row = await prisma.creatorLoginToken.findUniqueOrThrow({ where: { tokenHash }, include: { creator: true } });
  if (row.creator.shop !== row.shop || row.creator.status === "deactivated") {
    return { ok: false, reason: "This creator account has been deactivated by the shop. Contact the shop if you think this is a mistake." };
  }
  await prisma.creator.update({
    where: { id: row.creator.id },
    data: { lastSignInAt: now, ...(row.creator.status === "invited" ? { status: "active" } : {}) },
  });
  return { ok: true, shop: row.shop, creatorId: row.creatorId };
}

/** What the sign-in page shows before the creator presses the button (the link is only spent on POST, so mail scanners cannot spend it). */
export async function describeLoginToken(token: string, now = new Date()): Promise<{ creatorName: string; shopName: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await prisma.creatorLoginToken.findUnique({ where: { tokenHash: hashLoginToken(token) }, include: { creator: { select: { name: true, status: true } } } });
  if (!row || row.usedAt || row.expiresAt <= now || row.creator.status === "deactivated") return null;
  return { creatorName: row.creator.name, shopName: (await getShopSettings(row.shop)).name };
}
