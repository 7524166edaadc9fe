import prisma from "~/db.server";
import { canChangeHost, checkHost, hostedBy } from "~/creators/creators.server";
import { formatMoney } from "~/lib/money";
import { explainError } from "~/lib/explain-error.server";
import { fieldErrors } from "~/http/field-errors";
import { env } from "~/env.server";
import { getShopSettings } from "~/shops/shops.server";
import { mayGoOnAir } from "~/billing/billing.server";
import { chargeForShowOnAir } from "~/billing/usage-charges.server";
import {
  MUX_RTMPS_URL,
  completeLiveStream,
  createShowLiveStream,
  disableLiveStream,
  getLiveStream,
  resetStreamKey,
  type SimulcastTarget,
} from "~/video/mux.server";
import type { Show } from "@prisma/client";
import type { ShowStatus } from "./lifecycle";
import { buildChapters } from "./chapters";
import { encoderView } from "./encoder-state.server";
import { ShowError } from "./show-error";
import { recordLifecycleEvent } from "./lifecycle.server";
import { activePreviewToken } from "./preview-link.server";
import { goPublicRefusal, liveControlRefusal, previewLinkOffered, type LiveControl } from "./show-controls";
import { appendTimelineEvent } from "./timeline.server";
import { announceToViewers } from "./show-events.server";
import { showHostInput, type ShowInput } from "./show-input";
import { formatCalendarMonth, formatZonedDateTime, formatZonedTime, utcToZonedLocal, zonedLocalToUtc } from "~/lib/zoned-time";
import { monthGrid, shiftMonth } from "./calendar";

export type { ShowStatus };


export interface ShowListItem {
  id: string;
  title: string;
  startsAt: string;
  startsAtLabel: string;
  /** The start as wall-clock time in the shop's timezone, for the calendar. */
  localStart: string;
  /** The start's time of day ("6:00 PM"), for the calendar's day cells. */
  timeLabel: string;
  status: ShowStatus;
  mode: "public" | "rehearsal";
  productCount: number;
}

async function listShows(shop: string, timezone: string): Promise<ShowListItem[]> {
  const shows = await prisma.show.findMany({
    where: { shop, status: { not: "archived" } },
    orderBy: { startsAt: "asc" },
    include: { _count: { select: { products: { where: { removedAt: null } } } } },
  });
  return shows.map((show) => ({
    id: show.id,
    title: show.title,
    startsAt: show.startsAt.toISOString(),
    startsAtLabel: formatZonedDateTime(show.startsAt, timezone),
    localStart: utcToZonedLocal(show.startsAt, timezone),
    timeLabel: formatZonedTime(show.startsAt, timezone),
    status: show.status as ShowStatus,
    mode: show.mode as ShowListItem["mode"],
    productCount: show._count.products,
  }));
}

/**
 * The shows page: the list, and the calendar of `month` ("YYYY-MM"), by default the month of the
 * next show not yet over, else of the first show, else the shop's current month (in its timezone).
 */
export async function getShowsIndex(shop: string, month: string | undefined, now = new Date()) {
  const { timezone } = await getShopSettings(shop);
  const shows = await listShows(shop, timezone);
  const shown = month ?? (shows.find((show) => show.status !== "ended" && show.status !== "replay_ready") ?? shows[0])?.localStart.slice(0, 7) ?? utcToZonedLocal(now, timezone).slice(0, 7);
  const [previous, next] = [shiftMonth(shown, -1), shiftMonth(shown, 1)];
  return {
    shows,
    calendar: {
      month: shown,
      label: formatCalendarMonth(shown),
      weeks: monthGrid(shown, shows),
      previous: { month: previous, label: formatCalendarMonth(previous) },
      next: { month: next, label: formatCalendarMonth(next) },
    },
  };
}

export interface CreatedShow {
  showId: string;
  /** Set when the show was saved but Mux could not create its stream; the page offers a retry. */
  streamError: string | null;
}

/** Saves the show and its lineup, schedules it, then gives it a Mux live stream. */
export async function createShow(shop: string, input: ShowInput): Promise<CreatedShow> {
  const { timezone } = await getShopSettings(shop);
  const show = await prisma.show.create({
    data: {
      shop,
      title: input.title,
      description: input.description,
      startsAt: zonedLocalToUtc(input.startsAt, timezone),
      durationMinutes: input.durationMinutes,
      coverImageUrl: input.coverImageUrl,
      hostName: input.hostName,
      creatorId: input.creatorId,
      mode: input.mode,
      products: {
        create: input.products.map((product, position) => ({
          shop,
          productId: product.id,
          title: product.title,
          handle: product.handle,
          imageUrl: product.imageUrl,
          position,
        })),
      },
    },
  });
  await recordLifecycleEvent(shop, show.id, "scheduled", show.createdAt);
  return { showId: show.id, streamError: await attachLiveStream(shop, show.id, input.simulcastTargets) };
}

/** When the show starts, for what is timed from it (a deal "from the show's start"). */
export async function getShowStart(shop: string, showId: string): Promise<{ startsAt: Date }> {
  return prisma.show.findFirstOrThrow({ where: { id: showId, shop }, select: { startsAt: true } });
}

/** Creates the show's Mux stream if it has none; returns a message for the merchant on failure. */
export async function attachLiveStream(shop: string, showId: string, simulcastTargets: SimulcastTarget[] = []): Promise<string | null> {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop } });
  if (show.muxLiveStreamId) return null;
  try {
    // Simulcast keys are the platforms' secrets: they go to Mux and are not kept here.
    const stream = await createShowLiveStream(show.id, simulcastTargets);
    await prisma.show.update({
      where: { id: show.id, shop },
      data: { muxLiveStreamId: stream.liveStreamId, muxPlaybackId: stream.playbackId },
    });
    return null;
  } catch (error) {
    return `${explainError(error, { shop, showId })} The show itself is saved.`;
  }
}

function dealLabel(deal: { kind: string; value: number; currency: string | null }): string {
  if (deal.kind === "percentage") return `${deal.value / 100}% off`;
  return deal.currency ? `${formatMoney(deal.value, deal.currency)} off each item` : "Fixed amount off";
}

/** "7:00 PM" on the deal's own day, with the date when that is not today in the shop's timezone. */
function dealStartLabel(startsAt: Date, timezone: string, now = new Date()): string {
  const day = (instant: Date) => utcToZonedLocal(instant, timezone).slice(0, 10);
  return day(startsAt) === day(now) ? formatZonedTime(startsAt, timezone) : formatZonedDateTime(startsAt, timezone);
}

/** The preview card: null where the show has no use for a link, else its current link, if any. */
function previewOf(show: Show, storefront: string, timezone: string, now = new Date()) {
  if (!previewLinkOffered(show.status, show.mode)) return null;
  const link = activePreviewToken(show.shop, show.id, show, now);
  return {
    link: link && {
      url: `${storefront}/?live_show=${encodeURIComponent(show.id)}&live_preview=${link.token}`,
      expiresAtLabel: formatZonedDateTime(link.expiresAt, timezone),
    },
  };
}

export async function getShowDetail(shop: string, showId: string) {
  const show = await prisma.show.findFirst({
    where: { id: showId, shop },
    include: {
      products: { orderBy: { position: "asc" } },
      deals: { where: { stoppedAt: null, endsAt: { gt: new Date() } }, orderBy: { startsAt: "desc" }, take: 1 },
    },
  });
  if (!show) return null;
  const deal = show.deals[0];
  const { MUX_STREAM_URL, MUX_IMAGE_URL } = env();
  const { timezone, currency } = await getShopSettings(shop);
  const storefront = (await prisma.shop.findUnique({ where: { domain: shop } }))?.storefrontOrigins.split(",")[0] || `https://${shop}`;
  return {
    id: show.id,
    title: show.title,
    description: show.description,
    startsAt: show.startsAt.toISOString(),
    startsAtLabel: formatZonedDateTime(show.startsAt, timezone),
    durationMinutes: show.durationMinutes,
    currency,
    timezone,
    hostName: show.hostName,
    creatorId: show.creatorId,
    hostChangeable: canChangeHost(show.status),
    status: show.status as ShowStatus,
    mode: show.mode as "public" | "rehearsal",
    planHeld: show.planHoldAt !== null,
    encoder: encoderView(show, timezone),
    hasStream: Boolean(show.muxLiveStreamId),
    ingestUrl: MUX_RTMPS_URL,
    playbackId: show.muxPlaybackId,
    previewStream: show.muxPlaybackId
      ? { src: `${MUX_STREAM_URL}/${show.muxPlaybackId}.m3u8`, poster: `${MUX_IMAGE_URL}/${show.muxPlaybackId}/thumbnail.jpg` }
      : null,
    preview: previewOf(show, storefront, timezone),
    replayPlaybackId: show.replayPlaybackId,
    replayStream: show.replayPlaybackId
      ? { src: `${MUX_STREAM_URL}/${show.replayPlaybackId}.m3u8`, poster: `${MUX_IMAGE_URL}/${show.replayPlaybackId}/thumbnail.jpg` }
      : null,
    activeDeal: deal
      ? {
          id: deal.id,
          code: deal.code,
          label: dealLabel(deal),
          startsAt: deal.startsAt.toISOString(),
          startsAtLabel: dealStartLabel(deal.startsAt, timezone),
          endsAt: deal.endsAt.toISOString(),
          scheduled: deal.startsAt > new Date(),
          failure: deal.failure,
        }
      : null,
    products: show.products.map((product) => ({
      id: product.id,
      productId: product.productId,
      title: product.title,
      imageUrl: product.imageUrl,
      pinned: product.pinnedAt !== null,
      removed: product.removedAt !== null,
    })),
  };
}

export type HostChangeResult = { ok: true; message: string } | { ok: false; message: string; errors: Record<string, string> };

/**
 * The show page's host picker. The show's current creator stays acceptable after they are
 * deactivated, so saving without touching the host never fails; a new creator hosts at their own
 * default rate, since a rate set for the previous host was agreed with them.
 */
export async function changeShowHost(shop: string, showId: string, form: { creatorId: string; hostName: string }): Promise<HostChangeResult> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { status: true, creatorId: true, commissionBps: true } });
  if (!show) return { ok: false, message: "This show does not exist in your shop.", errors: {} };
  if (!canChangeHost(show.status)) {
    return { ok: false, message: "This show has ended; its host stays as it was, because its sales are already credited to them.", errors: {} };
  }
  const parsed = await showHostInput((creatorId) => checkHost(shop, creatorId, show.creatorId)).safeParseAsync(form);
  if (!parsed.success) return { ok: false, message: "Check the host and save again.", errors: fieldErrors(parsed.error) };
  const { creatorId, hostName } = parsed.data;
  await prisma.show.update({
    where: { id: showId, shop },
    data: creatorId
      ? hostedBy({ id: creatorId, name: hostName }, creatorId === show.creatorId ? show.commissionBps : null)
      : { creatorId: null, hostName, commissionBps: null },
  });
  return { ok: true, message: hostName ? `${hostName} hosts this show.` : "This show has no host yet." };
}

/** Refuses `control` with the merchant's words when the show's state closes it. */
async function requireControl(shop: string, showId: string, control: LiveControl) {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop }, select: { status: true, muxLiveStreamId: true } });
  const refusal = liveControlRefusal(control, show.status);
  if (refusal) throw new ShowError(refusal);
  return show;
}

async function liveStreamIdOf(shop: string, showId: string, control: "stream_key" | "reset_key"): Promise<string> {
  const show = await requireControl(shop, showId, control);
  if (!show.muxLiveStreamId) throw new ShowError("This show has no live stream yet; create its stream first.");
  return show.muxLiveStreamId;
}

/** The stream key is a secret: never stored by the app, read from Mux only when revealed. */
export async function revealStreamKey(shop: string, showId: string): Promise<string> {
  return (await getLiveStream(await liveStreamIdOf(shop, showId, "stream_key"))).streamKey;
}

/** Refused while live: the encoder on air holds the old key, and Mux would cut it off. */
export async function rotateStreamKey(shop: string, showId: string): Promise<string> {
  return (await resetStreamKey(await liveStreamIdOf(shop, showId, "reset_key"))).streamKey;
}

/** "End show": Mux stops waiting for a reconnect, and the lifecycle records who ended it. */
export async function endShow(shop: string, showId: string) {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop }, select: { status: true, muxLiveStreamId: true } });
  if (show.status !== "live") return { status: show.status as ShowStatus };
  if (!show.muxLiveStreamId) throw new ShowError("This show has no live stream yet; create its stream first.");
  await completeLiveStream(show.muxLiveStreamId);
  return recordLifecycleEvent(shop, showId, "ended_by_merchant", new Date());
}

/**
 * "Go public": the rehearsal becomes a public show. Before it is on air that opens the storefront
 * to it; on air it needs the plan like any public broadcast, counts as a show gone live, and
 * sells for its host from this moment on (what sold before was the rehearsal's).
 */
export async function goPublic(shop: string, showId: string, now = new Date()): Promise<{ onAir: boolean }> {
  const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop }, select: { status: true, mode: true } });
  const refusal = goPublicRefusal(show.status, show.mode);
  if (refusal) throw new ShowError(refusal);
  const onAir = show.status === "live";
  if (onAir && !(await mayGoOnAir(shop))) {
    throw new ShowError("Going public on air needs the Live Shows plan. Choose a plan, then go public; your rehearsal keeps running meanwhile.");
  }
  // Only from the state the merchant saw: a show that went on air meanwhile is asked about again.
  const { count } = await prisma.show.updateMany({
    where: { id: showId, shop, mode: "rehearsal", status: show.status },
    data: { mode: "public", wentPublicAt: onAir ? now : null },
  });
  if (count === 0) throw new ShowError("This show changed meanwhile. Reload the page and try again.");
  if (onAir) await chargeForShowOnAir(shop, showId);
  return { onAir };
}

export async function archiveShow(shop: string, showId: string) {
  const state = await recordLifecycleEvent(shop, showId, "archived", new Date());
  if (state.status === "archived") {
    const show = await prisma.show.findFirstOrThrow({ where: { id: showId, shop } });
    if (show.muxLiveStreamId) await disableLiveStream(show.muxLiveStreamId);
  }
  return state;
}

/** Pins or unpins a lineup product; several may be pinned at once. The pin joins the timeline. */
export async function setProductPinned(shop: string, showId: string, showProductId: string, pinned: boolean) {
  await requireControl(shop, showId, "pin");
  const result = await prisma.$transaction(async (tx) => {
    const product = await tx.showProduct.update({
      where: { id: showProductId, showId, shop },
      data: { pinnedAt: pinned ? new Date() : null },
    });
    const entry = await appendTimelineEvent(tx, shop, showId, pinned ? "pin" : "unpin", { productId: product.productId, title: product.title }, new Date());
    // Viewers are shown the most recently pinned product (after an unpin, the one pinned before).
    const shown = await tx.showProduct.findFirst({ where: { shop, showId, pinnedAt: { not: null } }, orderBy: { pinnedAt: "desc" }, select: { productId: true } });
    return { ...entry, productId: product.productId, title: product.title, pinned, shownProductId: shown?.productId ?? null };
  });
  await announceToViewers(shop, showId, result.seq, "pin", { productId: result.shownProductId });
  return result;
}

export async function getReplayChapters(shop: string, showId: string) {
  const pins = await prisma.showEvent.findMany({ where: { shop, showId, type: "pin" }, orderBy: { seq: "asc" } });
  return buildChapters(
    pins.map((pin) => {
      const payload = JSON.parse(pin.payload) as { productId: string; title: string };
      return { offsetMs: pin.offsetMs, productId: payload.productId, title: payload.title };
    }),
  );
}
