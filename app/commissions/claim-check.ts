// The server's answer to a line's show claim: does this sale earn the show's creator a
// commission? Pure, so every reason a claim is refused is tested without a database.
import type { ShowClaim } from "./show-claim";

/** What attribution loads about a claimed show, always within the order's shop. */
export interface ClaimedShow {
  id: string;
  status: string;
  mode: string;
  wentLiveAt: Date | null;
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

/** A show sells while it is live and afterwards through its replay; before that it is only a plan. */
const SELLING_STATUSES = new Set(["live", "ended", "replay_ready"]);

/**
 * `show` is the claimed show as found in the order's own shop, or null: a show of another
 * shop is not found, and reads exactly like one that never existed.
 */
export function checkShowClaim(shop: string, show: ClaimedShow | null, line: ClaimedLine, orderCreatedAt: Date): ClaimVerdict {
  if (!show) return refused("no show with this id in this shop");
  if (show.mode === "rehearsal") return refused("the show is a rehearsal, which earns nothing");
  if (!SELLING_STATUSES.has(show.status)) return refused(`the show is ${show.status}, not live or in replay`);
  if (!show.wentLiveAt || show.wentLiveAt.getTime() > orderCreatedAt.getTime()) {
    return refused("the order was placed before the show went live");
  }
  if (!line.productId) return refused("the line has no product to find in the lineup");
  if (!show.lineupProductIds.has(line.productId)) return refused(`${line.productId} was not in the show's lineup`);
  if (!show.creator) return refused("the show has no creator to pay");
  if (show.creator.shop !== shop) return refused("the show's creator belongs to another shop");
  return { earns: true, showId: show.id, creatorId: show.creator.id, rateBps: show.commissionBps ?? show.creator.commissionBps };
}

function refused(reason: string): ClaimVerdict {
  return { earns: false, reason };
}
