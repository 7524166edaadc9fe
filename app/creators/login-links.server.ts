// Magic links into the creator portal: a random token in the link, only its SHA-256 hash in
// the database, valid once and for a short time. A stolen database cannot sign anyone in, and
// a link forwarded after use is worth nothing.
import { createHash, randomBytes } from "node:crypto";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { getShopSettings } from "~/shops/shops.server";
import { sendMail } from "~/mail/mailer.server";
import { invitationEmail, signInEmail } from "./emails";

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
 * "Email me a sign-in link": one link per shop the address hosts for (a creator is a separate
 * person to each merchant). The answer never says whether the address is known.
 */
export async function requestSignInLinks(email: string, now = new Date()): Promise<void> {
  const creators = await prisma.creator.findMany({ where: { email: email.trim().toLowerCase(), status: { not: "deactivated" } }, select: { id: true, shop: true } });
  for (const creator of creators) {
    const recent = await prisma.creatorLoginToken.count({
      where: { shop: creator.shop, creatorId: creator.id, createdAt: { gt: new Date(now.getTime() - SIGN_IN_TTL_MINUTES * 60_000) } },
    });
    if (recent >= SIGN_IN_LINKS_PER_WINDOW) continue;
    await emailPortalLink(creator.shop, creator.id, "sign-in", now);
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
