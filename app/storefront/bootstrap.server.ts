// The bootstrap: everything the storefront loader needs to draw a show in one answer (the show,
// its lineup with prices and stock, how to play it, the running deal, and where its event stream
// is), for a chosen show or for "the current show" (live now, else the next one, else the latest
// replay). Every read is scoped by the shop the app proxy signed for. Prices are those of the
// buyer's market when the storefront names the buyer's country, so the player shows what the cart
// and checkout will charge.
import { randomUUID } from "node:crypto";
import type { Show } from "@prisma/client";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { verifyPreviewToken } from "~/shows/preview-link.server";
import { findRunningDeal } from "~/shows/deals.server";
import { getReplayChapters } from "~/shows/shows.server";
import type {
  BootstrapNotFound,
  ShowBootstrap,
  StorefrontDeal,
  StorefrontMoney,
  StorefrontProduct,
  StorefrontShowStatus,
  StorefrontVariant,
} from "./bootstrap-contract";
import { readLineupCatalog, type Catalog, type CatalogVariant } from "./catalog.server";
import { readLineupStock } from "./lineup-stock.server";
import { readMarketPricesOrShopPrices, type MarketPrice } from "./market-prices.server";
import { formatMarketMoney, formatShopMoney } from "./money-format";
import { playerBundleUrl } from "./player-bundle.server";

/** Long enough to open the stream and reconnect a few times; the loader asks again after that. */
export const VIEWER_TOKEN_TTL_MS = 15 * 60_000;
/** A show that has not started this long after its start time no longer counts as "next". */
const LATE_START_GRACE_MS = 12 * 60 * 60_000;

const STOREFRONT_STATUSES: readonly StorefrontShowStatus[] = ["scheduled", "live", "ended", "replay_ready"];

export type ShowSelector = { kind: "id"; showId: string } | { kind: "current" };

/** Who is looking, as the storefront's Liquid knows it. */
export interface BuyerContext {
  /** ISO 3166-1 alpha-2, from localization.country.iso_code; null: the shop's own prices. */
  country: string | null;
  /** The storefront's language, from request.locale.iso_code. */
  locale: string | null;
}

export interface BootstrapRequest {
  shop: string;
  selector: ShowSelector;
  /** The signed-in shopper's customer GID, from the app proxy's logged_in_customer_id. */
  customerId: string | null;
  /** A show's private preview token (from its preview link); public shows need none. */
  previewToken: string | null;
  /** The embed's answer: the show and how to play it, without lineup, stock or Admin API calls. */
  lite: boolean;
  buyer: BuyerContext;
  now?: Date;
}

export type BootstrapAnswer = { found: true; bootstrap: ShowBootstrap } | { found: false; notFound: BootstrapNotFound };

interface ShopRow {
  name: string;
  currency: string;
  moneyFormat: string;
  lowStockThreshold: number;
}

/**
 * `preview`: opened through the show's current preview link. A previewer (the merchant, the host)
 * sees the show as shoppers will, but is no audience and no buyer: not counted, and no deal.
 */
async function findRequestedShow(request: Omit<BootstrapRequest, "customerId">, now: Date): Promise<{ show: Show; preview: boolean } | null> {
  const { shop, selector, previewToken } = request;
  const visible = { in: [...STOREFRONT_STATUSES] };
  if (selector.kind === "id") {
    const show = await prisma.show.findFirst({ where: { id: selector.showId, shop, status: visible } });
    if (!show) return null;
    const preview = previewToken !== null && verifyPreviewToken(previewToken, shop, show.id, show.previewVersion, now);
    // A rehearsal is visible only through its current preview link; without one it does not exist here.
    if (show.mode !== "public" && !preview) return null;
    return { show, preview };
  }
  const current = await findCurrentShow(shop, now);
  return current && { show: current, preview: false };
}

async function findCurrentShow(shop: string, now: Date): Promise<Show | null> {
  const live = await prisma.show.findFirst({ where: { shop, mode: "public", status: "live" }, orderBy: { wentLiveAt: "desc" } });
  if (live) return live;
  const next = await prisma.show.findFirst({
    where: { shop, mode: "public", status: "scheduled", startsAt: { gte: new Date(now.getTime() - LATE_START_GRACE_MS) } },
    orderBy: { startsAt: "asc" },
  });
  if (next) return next;
  return prisma.show.findFirst({ where: { shop, mode: "public", status: "replay_ready" }, orderBy: { endedAt: "desc" } });
}

/** Without a language from the storefront, prices in a market's currency are written in English. */
const FALLBACK_LOCALE = "en";

function money(amount: number, currency: string, shop: ShopRow, buyer: BuyerContext): StorefrontMoney {
  const formatted =
    currency === shop.currency ? formatShopMoney(amount, currency, shop.moneyFormat) : formatMarketMoney(amount, currency, buyer.locale ?? FALLBACK_LOCALE);
  return { amount, currency, formatted };
}

/** A compare-at price is shown only when it is above the price, as themes show it. */
function pricesOf(variant: CatalogVariant, inMarket: MarketPrice | undefined, shop: ShopRow, buyer: BuyerContext): Pick<StorefrontVariant, "price" | "compareAt"> {
  const { currency, priceMinor, compareAtMinor } = inMarket ?? { currency: shop.currency, ...variant };
  return {
    price: money(priceMinor, currency, shop, buyer),
    compareAt: compareAtMinor !== null && compareAtMinor > priceMinor ? money(compareAtMinor, currency, shop, buyer) : null,
  };
}

function numericId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

async function buildLineup(
  shop: string,
  shopRow: ShopRow,
  productIds: string[],
  buyer: BuyerContext,
): Promise<{ lineup: StorefrontProduct[]; catalog: Catalog }> {
  const [catalog, marketPrices] = await Promise.all([
    readLineupCatalog(shop, shopRow.currency, productIds),
    readMarketPricesOrShopPrices(shop, buyer.country, productIds),
  ]);
  const variantIds = [...catalog.values()].flatMap((product) => product.variants.map((variant) => variant.id));
  const stock = await readLineupStock(shop, productIds, variantIds);
  const lineup = productIds.flatMap((productId): StorefrontProduct[] => {
    const product = catalog.get(productId);
    if (!product) return [];
    return [
      {
        productId,
        title: product.title,
        path: `/products/${product.handle}`,
        image: product.image,
        singleVariant: product.singleVariant,
        variants: product.variants.map((variant) => {
          const known = stock.get(variant.id);
          return {
            id: variant.id,
            cartId: numericId(variant.id),
            title: variant.title,
            ...pricesOf(variant, marketPrices.get(variant.id), shopRow, buyer),
            available: known ? known.available : null,
            inStock: known ? known.inStock : variant.availableForSale,
          };
        }),
      },
    ];
  });
  return { lineup, catalog };
}

async function activeDeal(shop: string, showId: string, shopRow: ShopRow, now: Date): Promise<StorefrontDeal | null> {
  const deal = await findRunningDeal(shop, showId, now);
  if (!deal) return null;
  const percentage = deal.kind === "percentage";
  return {
    code: deal.code,
    endsAt: deal.endsAt.toISOString(),
    percentOff: percentage ? deal.value / 100 : null,
    amountOff: percentage ? null : formatShopMoney(deal.value, deal.currency ?? shopRow.currency, shopRow.moneyFormat),
  };
}

function playbackOf(show: Show, status: StorefrontShowStatus): { poster: string | null; playback: ShowBootstrap["playback"] } {
  const { MUX_STREAM_URL, MUX_IMAGE_URL } = env();
  const playbackId = status === "live" ? show.muxPlaybackId : status === "replay_ready" ? show.replayPlaybackId : null;
  if (!playbackId) return { poster: show.coverImageUrl, playback: null };
  return {
    poster: `${MUX_IMAGE_URL}/${playbackId}/thumbnail.jpg`,
    playback: {
      src: `${MUX_STREAM_URL}/${playbackId}.m3u8`,
      streamType: status === "live" ? "ll-live" : "on-demand",
      playerUrl: playerBundleUrl(),
    },
  };
}

/** Each bootstrap is a viewer of its own (a random id), counted once across instances unless a previewer. */
export function realtimeOf(shop: string, showId: string, now: Date, preview: boolean): ShowBootstrap["realtime"] {
  const { SHOPIFY_APP_URL, APP_SECRET } = env();
  const expiresAt = new Date(now.getTime() + VIEWER_TOKEN_TTL_MS);
  const query = new URLSearchParams({ shop, token: signViewerToken(APP_SECRET, showId, expiresAt, { viewerId: randomUUID(), preview }) });
  return { url: `${SHOPIFY_APP_URL.replace(/\/+$/, "")}/realtime/shows/${encodeURIComponent(showId)}?${query}`, expiresAt: expiresAt.toISOString() };
}

/** What every viewer of a show in one market reads alike: built once per show change (bootstrap-snapshots.server.ts). */
export type SharedBootstrap = Omit<ShowBootstrap, ViewerField>;
type ViewerField = "serverTime" | "realtime" | "reminder";
/** What belongs to one viewer: their stream token, their reminder, the clock at their request. */
export type ViewerBootstrap = Pick<ShowBootstrap, ViewerField>;

export type SharedAnswer =
  | {
      found: true;
      show: Show;
      /** Opened through the show's preview link: built for that previewer alone. */
      preview: boolean;
      shared: SharedBootstrap;
      /** When time alone changes it (the running deal ends); null when only a change to the show does. */
      staleAt: Date | null;
    }
  | { found: false; notFound: BootstrapNotFound };

/** The show and everything about it that does not depend on who is looking. */
export async function buildSharedBootstrap(request: Omit<BootstrapRequest, "customerId">, now: Date): Promise<SharedAnswer> {
  const { shop } = request;
  const shopRow = await prisma.shop.findUnique({
    where: { domain: shop },
    select: { name: true, currency: true, moneyFormat: true, lowStockThreshold: true, uninstalledAt: true },
  });
  if (!shopRow || shopRow.uninstalledAt) {
    return { found: false, notFound: { reason: "not_installed", error: `Live Shows is not installed on ${shop}` } };
  }
  const requested = await findRequestedShow(request, now);
  if (!requested) {
    return request.selector.kind === "id"
      ? { found: false, notFound: { reason: "unknown_show", error: `${shop} has no show ${request.selector.showId} to watch` } }
      : { found: false, notFound: { reason: "no_show", error: `${shop} has no live, upcoming or replayable show` } };
  }
  const { show, preview } = requested;
  const status = show.status as StorefrontShowStatus;

  const products = await prisma.showProduct.findMany({
    where: { shop, showId: show.id, removedAt: null },
    orderBy: { position: "asc" },
    select: { productId: true, pinnedAt: true },
  });
  const { lineup } = request.lite ? { lineup: [] } : await buildLineup(shop, shopRow, products.map((product) => product.productId), request.buyer);
  const onRail = new Set(lineup.map((product) => product.productId));
  const pinned = products
    .filter((product) => product.pinnedAt && (request.lite || onRail.has(product.productId)))
    .sort((a, b) => (b.pinnedAt as Date).getTime() - (a.pinnedAt as Date).getTime())[0];
  const { poster, playback } = playbackOf(show, status);

  const [chapters, deal] = await Promise.all([
    status === "replay_ready" && !request.lite ? getReplayChapters(shop, show.id) : Promise.resolve([]),
    // A previewer rehearses the show: the deal's prices are for the audience.
    (status === "live" || status === "scheduled") && !preview ? activeDeal(shop, show.id, shopRow, now) : Promise.resolve(null),
  ]);

  return {
    found: true,
    show,
    preview,
    staleAt: deal ? new Date(deal.endsAt) : null,
    shared: {
      show: {
        id: show.id,
        title: show.title,
        description: show.description,
        hostName: show.hostName,
        status,
        startsAt: show.startsAt.toISOString(),
        endsAt: new Date(show.startsAt.getTime() + show.durationMinutes * 60_000).toISOString(),
        rehearsal: show.mode !== "public",
      },
      lineup,
      pinnedProductId: pinned?.productId ?? null,
      lowStockThreshold: shopRow.lowStockThreshold,
      poster,
      playback,
      chapters: chapters.filter((chapter) => request.lite || onRail.has(chapter.productId)),
      deal,
    },
  };
}

/** Whether the signed-in shopper already asked to be reminded of this upcoming show. */
export async function reminderOf(shop: string, show: Pick<Show, "id" | "status">, customerId: string | null): Promise<ShowBootstrap["reminder"]> {
  if (!customerId || show.status !== "scheduled") return { signedIn: customerId !== null, saved: false };
  // One still waiting for its address to be confirmed is not saved yet: "Remind me" sends the link again.
  const reminder = await prisma.showReminder.findFirst({
    where: { shop, showId: show.id, customerId, OR: [{ email: null }, { confirmedAt: { not: null } }] },
    select: { id: true },
  });
  return { signedIn: true, saved: reminder !== null };
}

/** The viewer's own part: a stream token of their own, their reminder, and the clock now. */
export async function buildViewerBootstrap(
  shop: string,
  show: Pick<Show, "id" | "status">,
  viewer: { customerId: string | null; preview: boolean },
  now: Date,
): Promise<ViewerBootstrap> {
  return {
    serverTime: now.toISOString(),
    realtime: realtimeOf(shop, show.id, now, viewer.preview),
    reminder: await reminderOf(shop, show, viewer.customerId),
  };
}

/** The bootstrap built whole for one request: a preview's, and the baseline the join-storm bench measures. */
export async function loadShowBootstrap(request: BootstrapRequest): Promise<BootstrapAnswer> {
  const now = request.now ?? new Date();
  const answer = await buildSharedBootstrap(request, now);
  if (!answer.found) return answer;
  const viewer = await buildViewerBootstrap(request.shop, answer.show, { customerId: request.customerId, preview: answer.preview }, now);
  return { found: true, bootstrap: { ...answer.shared, ...viewer } };
}
