import { describe, expect, it } from "vitest";
import { fromNow, shifted } from "../../tests/support/clock";
import { checkShowClaim, checkShowSale, type ClaimedShow } from "./claim-check";
import { showClaimOf, SHOW_CLAIM_KEY } from "./show-claim";

const SHOP = "north.myshopify.com";
const PRODUCT = "gid://shopify/Product/8100000001";
/** Ten days ago, so that orders from the replay days later are in the past as well. */
const WENT_LIVE_AT = fromNow({ days: -10 });
const ORDER_AT = shifted(WENT_LIVE_AT, { minutes: 30 });

function show(overrides: Partial<ClaimedShow> = {}): ClaimedShow {
  return {
    id: "show-1",
    status: "live",
    mode: "public",
    wentLiveAt: WENT_LIVE_AT,
    wentPublicAt: null,
    commissionBps: null,
    lineupProductIds: new Set([PRODUCT]),
    creator: { id: "creator-1", shop: SHOP, commissionBps: 1000 },
    ...overrides,
  };
}

const line = { claim: { showId: "show-1", source: "line property" as const }, productId: PRODUCT };

describe("checkShowClaim", () => {
  it("earns for a lineup product bought while the show is live, at the creator's rate", () => {
    expect(checkShowClaim(SHOP, show(), line, ORDER_AT)).toEqual({ earns: true, showId: "show-1", creatorId: "creator-1", rateBps: 1000 });
  });

  it("uses the show's own rate over the creator's default", () => {
    expect(checkShowClaim(SHOP, show({ commissionBps: 1500 }), line, ORDER_AT)).toMatchObject({ earns: true, rateBps: 1500 });
    expect(checkShowClaim(SHOP, show({ commissionBps: 0 }), line, ORDER_AT)).toMatchObject({ earns: true, rateBps: 0 });
  });

  it.each(["ended", "replay_ready"])("earns after the live part, while the show is %s", (status) => {
    expect(checkShowClaim(SHOP, show({ status }), line, shifted(WENT_LIVE_AT, { days: 8 })).earns).toBe(true);
  });

  it("earns for an order placed the very moment the show went live", () => {
    expect(checkShowClaim(SHOP, show(), line, new Date(WENT_LIVE_AT.getTime())).earns).toBe(true);
  });

  it("earns for an order placed from the moment a rehearsal on air went public", () => {
    const wentPublicAt = shifted(WENT_LIVE_AT, { minutes: 10 });
    expect(checkShowClaim(SHOP, show({ wentPublicAt }), line, wentPublicAt).earns).toBe(true);
  });

  it.each<[string, ClaimedShow | null, Date, RegExp]>([
    ["an unknown show (or another shop's)", null, ORDER_AT, /no show with this id in this shop/],
    ["a rehearsal", show({ mode: "rehearsal" }), ORDER_AT, /rehearsal/],
    ["a draft", show({ status: "draft", wentLiveAt: null }), ORDER_AT, /draft, not live or in replay/],
    ["a scheduled show", show({ status: "scheduled", wentLiveAt: null }), ORDER_AT, /scheduled/],
    ["an archived show", show({ status: "archived" }), ORDER_AT, /archived/],
    ["an order placed before the show went live", show(), shifted(WENT_LIVE_AT, { seconds: -1 }), /before the show went live/],
    ["a live show with no go-live time", show({ wentLiveAt: null }), ORDER_AT, /before the show went live/],
    ["an order placed during the rehearsal part of a show made public on air", show({ wentPublicAt: shifted(ORDER_AT, { seconds: 1 }) }), ORDER_AT, /during the rehearsal/],
    ["a product outside the lineup", show({ lineupProductIds: new Set(["gid://shopify/Product/1"]) }), ORDER_AT, /was not in the show's lineup/],
    ["a show without a creator", show({ creator: null }), ORDER_AT, /no creator/],
    ["a creator of another shop", show({ creator: { id: "c", shop: "other.myshopify.com", commissionBps: 1000 } }), ORDER_AT, /another shop/],
  ])("refuses %s", (_case, claimed, orderAt, reason) => {
    const verdict = checkShowClaim(SHOP, claimed, line, orderAt);
    expect(verdict.earns).toBe(false);
    expect(verdict.earns ? "" : verdict.reason).toMatch(reason);
  });

  it("refuses a line without a product", () => {
    expect(checkShowClaim(SHOP, show(), { ...line, productId: null }, ORDER_AT)).toEqual({ earns: false, reason: "the line has no product to find in the lineup" });
  });
});

describe("checkShowSale", () => {
  it.each<[string, ClaimedShow]>([
    ["with a creator", show()],
    ["without a creator", show({ creator: null })],
    ["whose creator is another shop's", show({ creator: { id: "c", shop: "other.myshopify.com", commissionBps: 1000 } })],
  ])("counts a lineup product bought while the show is live as the show's sale, %s", (_case, claimed) => {
    expect(checkShowSale(claimed, line, ORDER_AT)).toEqual({ counts: true, showId: "show-1" });
  });

  it.each<[string, ClaimedShow | null, Date]>([
    ["an unknown show (or another shop's)", null, ORDER_AT],
    ["a rehearsal", show({ mode: "rehearsal" }), ORDER_AT],
    ["a scheduled show", show({ status: "scheduled", wentLiveAt: null }), ORDER_AT],
    ["an order placed before the show went live", show(), shifted(WENT_LIVE_AT, { seconds: -1 })],
    ["a product outside the lineup", show({ lineupProductIds: new Set(["gid://shopify/Product/1"]) }), ORDER_AT],
  ])("does not count %s, for the reason a commission is refused", (_case, claimed, orderAt) => {
    const sale = checkShowSale(claimed, line, orderAt);
    const claim = checkShowClaim(SHOP, claimed, line, orderAt);
    expect(sale.counts).toBe(false);
    expect(sale.counts ? "" : sale.reason).toBe(claim.earns ? "" : claim.reason);
  });
});

describe("showClaimOf", () => {
  const property = (value: unknown) => [{ name: "Size", value: "M" }, { name: SHOW_CLAIM_KEY, value }];

  it("reads the line property first", () => {
    expect(showClaimOf(property("show-1"), [{ name: SHOW_CLAIM_KEY, value: "show-2" }])).toEqual({ showId: "show-1", source: "line property" });
  });

  it("falls back to the cart attribute for a line without the property", () => {
    expect(showClaimOf([{ name: "Size", value: "M" }], [{ name: SHOW_CLAIM_KEY, value: "show-2" }])).toEqual({ showId: "show-2", source: "cart attribute" });
    expect(showClaimOf(null, [{ name: SHOW_CLAIM_KEY, value: " show-2 " }])).toEqual({ showId: "show-2", source: "cart attribute" });
  });

  it("finds no claim without either, or with an empty one", () => {
    expect(showClaimOf([], [])).toBeNull();
    expect(showClaimOf(undefined, null)).toBeNull();
    expect(showClaimOf(property(""), null)).toBeNull();
    expect(showClaimOf(property(null), null)).toBeNull();
  });

  it("passes a non-text value on as a claim, so that it is checked and logged like any forgery", () => {
    expect(showClaimOf(property(42), null)).toEqual({ showId: "42", source: "line property" });
  });
});
