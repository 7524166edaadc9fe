// Creators as the merchant manages them: invite, profile, rates, the shows they host,
// deactivation. Every query is scoped by the shop.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { explainError } from "~/lib/explain-error.server";
import { MailError } from "~/mail/mailer.server";
import type { CreatorProfileInput, InviteCreatorInput, ShowAssignmentInput } from "./creator-input";
import { earningsByCurrency, type CurrencyEarnings } from "./earnings.server";
import { emailPortalLink } from "./login-links.server";
import { revokeCreatorSessions } from "./portal-session.server";

export type CreatorStatus = "invited" | "active" | "deactivated";

/** Once a show has ended, its sales are credited to who hosted it, so the host no longer changes. */
const HOST_CHANGEABLE_STATUSES = ["draft", "scheduled", "live"];

export interface CreatorListItem {
  id: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  status: CreatorStatus;
  commissionBps: number;
  payoutsEnabled: boolean;
  stripeConnected: boolean;
  showCount: number;
}

export async function getCreatorListItems(shop: string): Promise<CreatorListItem[]> {
  const creators = await prisma.creator.findMany({
    where: { shop },
    orderBy: [{ status: "asc" }, { name: "asc" }],
    include: { _count: { select: { shows: { where: { shop } } } } },
  });
  return creators.map((creator) => ({
    id: creator.id,
    name: creator.name,
    email: creator.email,
    avatarUrl: creator.avatarUrl,
    status: creator.status as CreatorStatus,
    commissionBps: creator.commissionBps,
    payoutsEnabled: creator.payoutsEnabled,
    stripeConnected: creator.stripeAccountId !== null,
    showCount: creator._count.shows,
  }));
}

export type InviteResult = { ok: true; creatorId: string; mailError: string | null } | { ok: false; errors: Record<string, string> };

/** Saves the creator and emails the invitation. A mail failure keeps the creator and says so: the merchant can resend. */
export async function inviteCreator(shop: string, input: InviteCreatorInput): Promise<InviteResult> {
  let creatorId: string;
  try {
    creatorId = (await prisma.creator.create({ data: { shop, email: input.email, name: input.name, commissionBps: input.commissionPercent, status: "invited" } })).id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: { email: `${input.email} is already one of your creators; open them to resend the invitation.` } };
    }
    throw error;
  }
  return { ok: true, creatorId, mailError: await sendInvitation(shop, creatorId) };
}

/** Sends (or resends) the invitation; answers the problem in words, or null when it went out. */
export async function sendInvitation(shop: string, creatorId: string): Promise<string | null> {
  try {
    await emailPortalLink(shop, creatorId, "invitation");
    return null;
  } catch (error) {
    if (error instanceof MailError) return explainError(error, { shop, creatorId });
    throw error;
  }
}

export interface CreatorDetail {
  id: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  bio: string;
  status: CreatorStatus;
  commissionBps: number;
  stripe: {
    connected: boolean;
    payoutsEnabled: boolean;
    detailsSubmitted: boolean;
    requirementsDue: string[];
    disabledReason: string | null;
    syncedAt: string | null;
  };
  lastSignInAt: string | null;
  earnings: CurrencyEarnings[];
  shows: { id: string; title: string; startsAt: string; status: string; mode: string; commissionBps: number | null }[];
  assignableShows: { id: string; title: string; startsAt: string }[];
}

export async function getCreatorDetail(shop: string, creatorId: string, now = new Date()): Promise<CreatorDetail | null> {
  const creator = await prisma.creator.findFirst({ where: { id: creatorId, shop } });
  if (!creator) return null;
  const [shows, assignable, earnings] = await Promise.all([
    prisma.show.findMany({ where: { shop, creatorId }, orderBy: { startsAt: "desc" }, take: 50 }),
    prisma.show.findMany({
      where: { shop, creatorId: null, status: { in: HOST_CHANGEABLE_STATUSES } },
      orderBy: { startsAt: "asc" },
      take: 50,
      select: { id: true, title: true, startsAt: true },
    }),
    earningsByCurrency(shop, creatorId, now),
  ]);
  return {
    id: creator.id,
    name: creator.name,
    email: creator.email,
    avatarUrl: creator.avatarUrl,
    bio: creator.bio,
    status: creator.status as CreatorStatus,
    commissionBps: creator.commissionBps,
    stripe: {
      ...stripeAccountState(creator),
      disabledReason: creator.stripeDisabledReason,
      syncedAt: creator.stripeSyncedAt?.toISOString() ?? null,
    },
    lastSignInAt: creator.lastSignInAt?.toISOString() ?? null,
    earnings,
    shows: shows.map((show) => ({ id: show.id, title: show.title, startsAt: show.startsAt.toISOString(), status: show.status, mode: show.mode, commissionBps: show.commissionBps })),
    assignableShows: assignable.map((show) => ({ id: show.id, title: show.title, startsAt: show.startsAt.toISOString() })),
  };
}

export async function creatorExists(shop: string, creatorId: string): Promise<boolean> {
  return (await prisma.creator.count({ where: { id: creatorId, shop } })) === 1;
}

export async function updateCreatorProfile(shop: string, creatorId: string, input: CreatorProfileInput): Promise<boolean> {
  const updated = await prisma.creator.updateMany({
    where: { id: creatorId, shop },
    data: { name: input.name, avatarUrl: input.avatarUrl, bio: input.bio, commissionBps: input.commissionPercent },
  });
  return updated.count === 1;
}

/**
 * A deactivated creator cannot sign in, is signed out everywhere and cannot be given new shows.
 * What they already earned is still theirs: matured commissions keep being paid out.
 */
export async function setCreatorActive(shop: string, creatorId: string, active: boolean, now = new Date()): Promise<boolean> {
  const creator = await prisma.creator.findFirst({ where: { id: creatorId, shop } });
  if (!creator) return false;
  await prisma.creator.update({
    where: { id: creator.id },
    data: active
      ? { status: creator.lastSignInAt ? "active" : "invited", deactivatedAt: null }
      : { status: "deactivated", deactivatedAt: now },
  });
  if (!active) {
    await prisma.creatorLoginToken.updateMany({ where: { shop, creatorId, usedAt: null }, data: { usedAt: now } });
    await revokeCreatorSessions(shop, creatorId, now);
  }
  return true;
}

export type AssignmentResult = { ok: true; message: string } | { ok: false; message: string };

export type HostCheck = { ok: true; id: string; name: string } | { ok: false; message: string };

/**
 * Whether the creator may be given a show in this shop; if not, why, in words the merchant reads.
 * A deactivated creator may keep a show they already host (`currentHostId`).
 */
export async function checkHost(shop: string, creatorId: string, currentHostId: string | null = null): Promise<HostCheck> {
  const creator = await prisma.creator.findFirst({ where: { id: creatorId, shop }, select: { id: true, name: true, status: true } });
  if (!creator) return { ok: false, message: "This creator does not exist in your shop; choose one of your creators." };
  if (creator.status === "deactivated" && creator.id !== currentHostId) {
    return { ok: false, message: `${creator.name} is deactivated; reactivate them to give them shows.` };
  }
  return { ok: true, id: creator.id, name: creator.name };
}

export interface HostOption {
  id: string;
  name: string;
  commissionBps: number;
  status: CreatorStatus;
}

/** The creators the show form offers as hosts, plus the show's current host even once deactivated, so it still reads right. */
export async function getHostOptions(shop: string, currentCreatorId: string | null = null): Promise<HostOption[]> {
  const creators = await prisma.creator.findMany({
    where: { shop, OR: [{ status: { not: "deactivated" } }, ...(currentCreatorId ? [{ id: currentCreatorId }] : [])] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, commissionBps: true, status: true },
  });
  return creators.map((creator) => ({ ...creator, status: creator.status as CreatorStatus }));
}

export function canChangeHost(status: string): boolean {
  return HOST_CHANGEABLE_STATUSES.includes(status);
}

/** The show fields that make a creator its host: their name on the storefront, and the show's own rate or null for their default. */
export function hostedBy(host: { id: string; name: string }, commissionBps: number | null) {
  return { creatorId: host.id, hostName: host.name, commissionBps };
}

/** Makes the creator the host of a show, with the show's own rate or the creator's default. */
export async function assignShow(shop: string, creatorId: string, input: ShowAssignmentInput): Promise<AssignmentResult> {
  const host = await checkHost(shop, creatorId);
  if (!host.ok) return host;
  const show = await prisma.show.findFirst({ where: { id: input.showId, shop } });
  if (!show) return { ok: false, message: "That show does not exist in your shop." };
  if (!canChangeHost(show.status)) return { ok: false, message: `${show.title} has ended; its host stays as it was, because its sales are already credited to them.` };
  if (show.creatorId && show.creatorId !== creatorId) return { ok: false, message: `${show.title} already has a host; remove them from it first.` };
  await prisma.show.update({ where: { id: show.id, shop }, data: hostedBy(host, input.commissionPercent) });
  return { ok: true, message: `${host.name} hosts ${show.title}.` };
}

export async function unassignShow(shop: string, creatorId: string, showId: string): Promise<AssignmentResult> {
  const updated = await prisma.show.updateMany({ where: { id: showId, shop, creatorId }, data: { creatorId: null, commissionBps: null } });
  return updated.count === 1 ? { ok: true, message: "The show no longer has this host." } : { ok: false, message: "This creator does not host that show." };
}

/** Where a creator's Stripe account stands, as the merchant's creator page and the portal show it. */
export function stripeAccountState(creator: { stripeAccountId: string | null; payoutsEnabled: boolean; stripeDetailsSubmitted: boolean; stripeRequirementsDue: string }) {
  return {
    connected: creator.stripeAccountId !== null,
    payoutsEnabled: creator.payoutsEnabled,
    detailsSubmitted: creator.stripeDetailsSubmitted,
    requirementsDue: creator.stripeRequirementsDue.split(",").filter(Boolean),
  };
}
