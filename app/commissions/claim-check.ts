// The server's answer to a line's show claim: does this sale earn the show's creator a
// commission? Pure, so every reason a claim is refused is tested without a database.
import type { ShowClaim } from "./show-claim";

/** What attribution loads about a claimed show, always within the order's shop. */
export interface ClaimedShow {
  id: string;
  status: string;
  mode: string;
  wentLiveAt: Date | null;
  /** Set when a rehearsal already on air was made public: what sold before it was the rehearsal's. */
  wentPublicAt: Date | null;
  commissionBps: number | null;
  lineupProductIds: ReadonlySet<string>;
  creator: { id: string; shop: string; commissionBps: number } | null;
}

export interface ClaimedLine {
  claim: ShowClaim;
  productId: string | null;
}

export type ClaimVerdict =
  | { earns: true; showId: string; creatorId: string; rateBps: number }
  | { earns: false; reason: string };

/** Whether the sale counts as the show's (its analytics), whoever earns on it. */
export type ShowSaleVerdict = { counts: true; showId: string } | { counts: false; reason: string };

/** A show sells while it is live and afterwards through its replay; before that it is only a plan. */
const SELLING_STATUSES = new Set(["live", "ended", "replay_ready"]);

/**
 * `show` is the claimed show as found in the order's own shop, or null: a show of another
 * shop is not found, and reads exactly like one that never existed.
 */
export function checkShowClaim(shop: string, show: ClaimedShow | null, line: ClaimedLine, orderCreatedAt: Date): ClaimVerdict {
  const sale = checkShowSale(show, line, orderCreatedAt);
  if (!sale.counts) return refused(sale.reason);
  if (!show?.creator) return refused("the show has no creator to pay");
  if (show.creator.shop !== shop) return refused("the show's creator belongs to another shop");
  return { earns: true, showId: show.id, creatorId: show.creator.id, rateBps: show.commissionBps ?? show.creator.commissionBps };
}

/**
 * The show's half of the check: a sale the show made, which its report counts whether or not a
 * creator earns on it (a show without a creator still sells). The same rules as a commission,
 * so the report and the creator's earnings never disagree about which sales were the show's.
 */
export function checkShowSale(show: ClaimedShow | null, line: ClaimedLine, orderCreatedAt: Date): ShowSaleVerdict {
  if (!show) return notTheShows("no show with this id in this shop");
  if (show.mode === "rehearsal") return notTheShows("the show is a rehearsal, which earns nothing");
  if (!SELLING_STATUSES.has(show.status)) return notTheShows(`the show is ${show.status}, not live or in replay`);
  if (!show.wentLiveAt || show.wentLiveAt.getTime() > orderCreatedAt.getTime()) {
    return notTheShows("the order was placed before the show went live");
  }
  if (show.wentPublicAt && show.wentPublicAt.getTime() > orderCreatedAt.getTime()) {
    return notTheShows("the order was placed during the rehearsal, before the show went public");
  }
  if (!line.productId) return notTheShows("the line has no product to find in the lineup");
  if (!show.lineupProductIds.has(line.productId)) return notTheShows(`${line.productId} was not in the show's lineup`);
  return { counts: true, showId: show.id };
}

function notTheShows(reason: string): ShowSaleVerdict {
  return { counts: false, reason };
}

function refused(reason: string): ClaimVerdict {
  return { earns: false, reason };
}
