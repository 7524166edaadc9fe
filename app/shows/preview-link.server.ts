import prisma from "~/db.server";
import { env } from "~/env.server";
import { signToken, verifyToken } from "~/lib/signed-token";
import { previewLinkOffered } from "./show-controls";
import { ShowError } from "./show-error";

/** A link works for a day: long enough to rehearse with the host, short enough to be forgotten safely. */
export const PREVIEW_TTL_SECONDS = 24 * 60 * 60;

/** The show's current link, as stored: its stamp, and when it expires (none: no link). */
export interface PreviewLinkState {
  previewVersion: number;
  previewExpiresAt: Date | null;
}

interface PreviewClaims extends Record<string, string> {
  shop: string;
  showId: string;
  /** The show's preview stamp when the link was made: a newer stamp revokes it. */
  version: string;
}

/** The token of the show's current link; the same on every page load until the link changes. */
export function createPreviewToken(shop: string, showId: string, link: { version: number; expiresAt: Date }, secret = env().APP_SECRET): string {
  const claims: PreviewClaims = { shop, showId, version: String(link.version) };
  return signToken(secret, "preview", claims, link.expiresAt);
}

/** Whether the token is a genuine, unexpired link for this shop and show, made since the last revocation. */
export function verifyPreviewToken(token: string, shop: string, showId: string, currentVersion: number, now = new Date(), secret = env().APP_SECRET): boolean {
  const check = verifyToken<PreviewClaims>(secret, "preview", token, now);
  return check.ok && check.claims.shop === shop && check.claims.showId === showId && check.claims.version === String(currentVersion);
}

/** The link to share, while there is one that has not expired. */
export function activePreviewToken(shop: string, showId: string, state: PreviewLinkState, now = new Date()): { token: string; expiresAt: Date } | null {
  const expiresAt = state.previewExpiresAt;
  if (!expiresAt || expiresAt <= now) return null;
  return { token: createPreviewToken(shop, showId, { version: state.previewVersion, expiresAt }), expiresAt };
}

/**
 * "New link": a fresh link for a day. The stamp moves on, so the link before it (shared with
 * someone who should no longer watch, perhaps) stops working at the same moment.
 */
export async function issuePreviewLink(shop: string, showId: string, now = new Date()): Promise<PreviewLinkState> {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop }, select: { status: true, mode: true } });
  if (!previewLinkOffered(show.status, show.mode)) {
    throw new ShowError(show.status === "archived" ? "This show is archived, so it has no preview link." : "This show is public and on air: shoppers see it without a link.");
  }
  return prisma.show.update({
    where: { id: showId, shop },
    data: { previewVersion: { increment: 1 }, previewExpiresAt: new Date(now.getTime() + PREVIEW_TTL_SECONDS * 1000) },
    select: { previewVersion: true, previewExpiresAt: true },
  });
}

/** "Revoke link": every link made so far stops opening the show, and none replaces it. */
export async function revokePreviewLink(shop: string, showId: string): Promise<PreviewLinkState> {
  return prisma.show.update({
    where: { id: showId, shop },
    data: { previewVersion: { increment: 1 }, previewExpiresAt: null },
    select: { previewVersion: true, previewExpiresAt: true },
  });
}
