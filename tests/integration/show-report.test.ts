// The admin's show reports after a sandbox show: viewers' beacons through the app proxy, a pin
// from the control room, a checkout in the Shopify emulator with its orders/paid and a refund.
// The overview's CSV, the report page and the control room must tell the same numbers.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { SHOW_CLAIM_KEY } from "~/commissions/show-claim";
import { getShowReportSales } from "~/analytics/show-reports.server";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret } from "../sandbox/config";
import { fromNow } from "../support/clock";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

let stack: Stack;
let shop: StorefrontShop;
let live: CreatedShow;

/** A minute of watching that ended just now: a view, four heartbeats 15 s apart, and what else the viewer did. */
function watchedMinute(token: string, extra: ("cart" | "product")[] = []) {
  const events = [{ n: 1, type: "view", ago: 60_000 }, ...[3, 2, 1, 0].map((beat, i) => ({ n: 2 + i, type: "beat", ago: beat * 15_000 })), ...extra.map((type, i) => ({ n: 6 + i, type, ago: 0 }))];
  return fetch(shop.storefront(`/apps/live/shows/${live.id}/events`), { method: "POST", body: JSON.stringify({ token, events }), headers: { "content-type": "text/plain;charset=UTF-8" } });
}

beforeAll(async () => {
  stack = await startStack({ env: { ANALYTICS_FLUSH_SECONDS: "1" } });
  shop = await openStorefrontShop(stack);
  live = await createShow(shop, { title: "Wool, live", products: [shop.products.scarf, shop.products.mug] });
  await stack.mux.connectEncoder(live.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  expect(await prisma.show.count({ where: { id: live.id, shop: shop.domain, status: "live" } })).toBe(1);

  await showCommand(shop, live.id, { intent: "pin", showProductId: live.lineup.get(shop.products.scarf.id) ?? "" });
  await showCommand(shop, live.id, { intent: "start_deal", kind: "percentage", amount: "10", minutes: "30" });
  const token = () => signViewerToken(sandboxAppSecret, live.id, fromNow({ minutes: 15 }), { viewerId: randomUUID(), preview: false });
  expect((await watchedMinute(token(), ["product", "cart"])).status).toBe(202);
  expect((await watchedMinute(token())).status).toBe(202);
  // The beacons reach the database at the next flush, every second here.
  await vi.waitFor(async () => expect(await prisma.showViewer.count({ where: { shop: shop.domain, showId: live.id } })).toBe(2), { timeout: 10_000 });

  const claim = [{ name: SHOW_CLAIM_KEY, value: live.id }];
  const scarf = shop.products.scarf.variants[0]!;
  const order = stack.shopify.state.createPaidOrder(shop.domain, { lines: [{ variantId: scarf.id, quantity: 2, properties: claim }] });
  // An order of the shop that is not the show's: it counts only in the shop's usual order value.
  stack.shopify.state.createPaidOrder(shop.domain, { lines: [{ variantId: shop.products.mug.variants[0]!.id, quantity: 1 }] });
  await stack.shopify.webhooks.settled();
  stack.shopify.state.refundOrder(shop.domain, order.id, [{ lineId: order.lines[0]!.id, quantity: 1 }]);
  await stack.shopify.webhooks.settled();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe("the show reports after a sandbox show with a sale", () => {
  it("lists the show in the overview's CSV with its viewers, its sale less the refund, in the shop's timezone and currency", async () => {
    const response = await shop.admin.get("/app/analytics.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="shows-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, row, end] = (await response.text()).split("\r\n");
    expect(end).toBe("");
    // The title holds a comma, so it is quoted; the other cells need no quotes.
    expect(row!.startsWith('"Wool, live",')).toBe(true);
    const values = ["Wool, live", ...row!.slice('"Wool, live",'.length).split(",")];
    const cells = Object.fromEntries(header!.split(",").map((name, i) => [name, values[i]]));
    const show = await prisma.show.findFirstOrThrow({ where: { id: live.id } });
    expect(cells).toMatchObject({
      show: "Wool, live",
      went_live: wallClock(show.wentLiveAt!),
      timezone: "Europe/Stockholm",
      unique_viewers: "2",
      watch_minutes: "2",
      add_to_carts: "1",
      orders: "1",
      units: "1",
      revenue: "499.00",
      currency: "SEK",
      conversion_percent: "50.0",
      average_order_value: "499.00",
    });
  });

  it("renders the show's report with its figures, its top product, its pin and its deal", async () => {
    const response = await shop.admin.get(`/app/analytics/shows/${live.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const deal = await prisma.showDeal.findFirstOrThrow({ where: { shop: shop.domain, showId: live.id } });
    for (const text of ["Report: Wool, live", "Unique viewers", "499.00 SEK", "50.0 %", "Viewers and sales during the show", "Pinned: Wool Scarf", `Deal: ${deal.code}`]) expect(html).toContain(text);
  });

  it("tells the same orders and revenue as the orders Shopify sent", async () => {
    expect(await getShowReportSales(shop.domain, live.id)).toEqual({ orders: 1, revenueLabel: "499.00 SEK" });
  });

  it("shows the overview's table with a link to the report", async () => {
    const html = await (await shop.admin.get("/app/analytics")).text();
    expect(html).toContain(`/app/analytics/shows/${live.id}`);
    expect(html).not.toContain("Your numbers appear after your first show");
  });

  it("says why a range cannot be shown, and which range had no show", async () => {
    const impossible = await (await shop.admin.get("/app/analytics?from=2026-02-30")).text();
    expect(impossible).toContain("That date does not exist");
    expect(impossible).not.toContain(`/app/analytics/shows/${live.id}`);
    const empty = await (await shop.admin.get("/app/analytics?from=2020-01-01&to=2020-01-31")).text();
    expect(empty).toContain("No show went live between 2020-01-01 and 2020-01-31. Pick a wider range.");
  });
});

function wallClock(instant: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" }).format(instant);
}
