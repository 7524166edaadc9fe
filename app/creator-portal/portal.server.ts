// What a signed-in creator sees: their upcoming shows in this shop, their earnings, their Stripe
// status and what reached their bank. Everything is scoped to the session's creator and shop.
import prisma from "~/db.server";
import { stripeAccountState } from "~/creators/creators.server";
import { explainError } from "~/lib/explain-error.server";
import { getShopSettings } from "~/shops/shops.server";
import { revealStreamKey } from "~/shows/shows.server";
import { MUX_RTMPS_URL } from "~/video/mux.server";
import { earningsByCurrency, type CurrencyEarnings } from "~/creators/earnings.server";
import type { PortalCreator } from "~/creators/portal-session.server";

const UPCOMING_STATUSES = ["draft", "scheduled", "live"];

export interface PortalOverview {
  creator: { name: string; email: string };
  shopName: string;
  timezone: string;
  stripe: { connected: boolean; detailsSubmitted: boolean; payoutsEnabled: boolean; requirementsDue: string[] };
  earnings: CurrencyEarnings[];
  shows: { id: string; title: string; startsAt: string; status: string; mode: string; hasStream: boolean; commissionBps: number }[];
  ingestUrl: string;
  payouts: { id: string; date: string; amountMinor: number; currency: string; status: string }[];
  bankPayouts: { id: string; amountMinor: number; currency: string; status: string; arrivalDate: string | null; failureMessage: string | null }[];
}

export async function getPortalOverview(session: PortalCreator, now = new Date()): Promise<PortalOverview> {
  const { shop } = session;
  const creator = await prisma.creator.findFirstOrThrow({ where: { id: session.id, shop } });
  const [settings, shows, earnings, payouts, bankPayouts] = await Promise.all([
    getShopSettings(shop),
    prisma.show.findMany({
      where: { shop, creatorId: creator.id, status: { in: UPCOMING_STATUSES } },
      orderBy: { startsAt: "asc" },
      take: 20,
    }),
    earningsByCurrency(shop, creator.id, now),
    prisma.payout.findMany({ where: { shop, creatorId: creator.id, status: { not: "netted" } }, orderBy: { createdAt: "desc" }, take: 10 }),
    prisma.creatorBankPayout.findMany({ where: { shop, creatorId: creator.id }, orderBy: { createdAt: "desc" }, take: 10 }),
  ]);
  return {
    creator: { name: creator.name, email: creator.email },
    shopName: settings.name,
    timezone: settings.timezone,
    stripe: stripeAccountState(creator),
    earnings,
    shows: shows.map((show) => ({
      id: show.id,
      title: show.title,
      startsAt: show.startsAt.toISOString(),
      status: show.status,
      mode: show.mode,
      hasStream: show.muxLiveStreamId !== null,
      commissionBps: show.commissionBps ?? creator.commissionBps,
    })),
    ingestUrl: MUX_RTMPS_URL,
    payouts: payouts.map((payout) => ({ id: payout.id, date: payout.createdAt.toISOString(), amountMinor: payout.amountMinor, currency: payout.currency, status: payout.status })),
    bankPayouts: bankPayouts.map((payout) => ({
      id: payout.id,
      amountMinor: payout.amountMinor,
      currency: payout.currency,
      status: payout.status,
      arrivalDate: payout.arrivalDate?.toISOString() ?? null,
      failureMessage: payout.failureMessage,
    })),
  };
}

export type StreamKeyResult = { ok: true; streamKey: string } | { ok: false; message: string };

/** The stream key of a show this creator hosts, read from Mux now (the app never stores it). */
export async function revealHostedStreamKey(session: PortalCreator, showId: string): Promise<StreamKeyResult> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop: session.shop, creatorId: session.id, status: { in: UPCOMING_STATUSES } } });
  if (!show) return { ok: false, message: "You can see the stream key only for upcoming shows you host." };
  if (!show.muxLiveStreamId) return { ok: false, message: "This show has no live stream yet; ask the shop to create it." };
  try {
    return { ok: true, streamKey: await revealStreamKey(session.shop, show.id) };
  } catch (error) {
    return { ok: false, message: explainError(error, { shop: session.shop, creatorId: session.id, showId: show.id }) };
  }
}
