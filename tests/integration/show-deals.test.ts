// The deal planned with a show: a real Shopify code on the lineup for the deal's window, shown in
// the control room, cancellable, and never lost when Shopify refuses it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminClient, type AdminClient } from "../support/admin-client";
import { startStack, type Stack } from "../support/stack";
import { fromNow, futureWallClock, shifted, wallClock, zonedInstant } from "../support/clock";
import { adminTimeLabel, createdShowId, postShowForm } from "../support/show-form";

let stack: Stack;
let admin: AdminClient;
const shop = "northwind-demo.myshopify.com";
/** The shows here start at 18:00 on the shop's wall clock, on this day a month from now ("YYYY-MM-DD"). */
let showDay: string;

beforeAll(async () => {
  stack = await startStack();
  admin = adminClient(stack.appUrl, stack.shopify, shop);
  showDay = futureWallClock(30, "18:00", shopZone()).slice(0, 10);
});

afterAll(async () => {
  await stack?.close();
});

/** The seeded shop's timezone (Europe/Stockholm): the form's times are its wall clock. */
const shopZone = () => stack.shopify.state.getShop(shop).ianaTimezone;

/** A time of the show's day on the shop's wall clock, as the form takes it: `local("18:10")`. */
const local = (time: string) => `${showDay}T${time}`;
/** What the app must store for a wall-clock time of the show's day, in UTC. */
const utc = (time: string) => zonedInstant(local(time), shopZone());

/** Posts the show form as the browser does; the seeded shop sells in SEK. */
function postShow(title: string, deal: Record<string, string>) {
  return postShowForm(admin, stack.shopify.state.getShop(shop).products.slice(0, 2), {
    title,
    startsAt: local("18:00"),
    dealEnabled: "on",
    dealKind: "percentage",
    dealAmount: "20",
    dealWindow: "show",
    dealMinutes: "30",
    ...deal,
  });
}

async function savedShow(response: Response) {
  return prisma.show.findUniqueOrThrow({ where: { id: createdShowId(response) }, include: { products: { orderBy: { position: "asc" } }, deals: true } });
}

function uniqueCode(prefix: string) {
  return `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;
}

describe("a deal planned with the show", () => {
  it("creates a Shopify code on the lineup from the show's start, and the control room says it is scheduled", async () => {
    const code = uniqueCode("WINTER");
    const show = await savedShow(await postShow("Winter deal night", { dealCode: code.toLowerCase() }));
    const discount = stack.shopify.state.findDiscountByCode(shop, code);
    expect(discount).toMatchObject({
      code,
      value: { percentage: 0.2 },
      productIds: show.products.map((product) => product.productId),
      // 18:00 on the shop's wall clock, in UTC; the deal runs 30 minutes.
      startsAt: utc("18:00").toISOString(),
      endsAt: shifted(utc("18:00"), { minutes: 30 }).toISOString(),
    });
    expect(stack.shopify.state.discountStatus(discount!)).toBe("SCHEDULED");
    expect(show.deals).toEqual([expect.objectContaining({ code, discountId: discount!.id, kind: "percentage", value: 2000, failure: null })]);

    const controlRoom = await (await admin.get(`/app/shows/${show.id}`)).text();
    expect(controlRoom).toContain(`Scheduled: 20% off, starts ${adminTimeLabel(local("18:00"))} (code ${code})`);
  });

  it("takes a fixed amount in the shop's currency as minor units, for a window in the shop's timezone", async () => {
    const code = uniqueCode("KNITS");
    await savedShow(
      await postShow("Fixed amount night", {
        dealCode: code,
        dealKind: "fixed_amount",
        dealAmount: "49.50",
        dealWindow: "custom",
        dealStartsAt: local("18:10"),
        dealEndsAt: local("18:40"),
      }),
    );
    expect(stack.shopify.state.findDiscountByCode(shop, code)).toMatchObject({
      value: { amount: 4950, appliesOnEachItem: true },
      startsAt: utc("18:10").toISOString(),
      endsAt: utc("18:40").toISOString(),
    });
  });

  it("answers a deal that cannot be, on its fields, and saves nothing", async () => {
    const before = await prisma.show.count({ where: { shop } });
    const response = await postShow("Bad deal", { dealAmount: "120", dealWindow: "custom", dealStartsAt: local("19:00"), dealEndsAt: local("18:00") });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("A percentage deal takes 1 to 100 % off");
    expect(html).toContain("The deal must end after it starts");
    expect(await prisma.show.count({ where: { shop } })).toBe(before);
  });
});

describe("a deal whose time has passed", () => {
  /** A deal window long over: two hours, on the shop's wall clock, more than a year ago. */
  function pastWindow() {
    const startsAt = fromNow({ days: -400 });
    return { dealStartsAt: wallClock(startsAt, shopZone()), dealEndsAt: wallClock(shifted(startsAt, { hours: 2 }), shopZone()) };
  }

  it("is answered on its field, in the shop's timezone, and nothing is saved", async () => {
    const before = await prisma.show.count({ where: { shop } });
    const response = await postShow("Too late", { dealCode: uniqueCode("LATE"), dealWindow: "custom", ...pastWindow() });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("This deal would be over before it is saved; choose a time that ends in the future");
    expect(await prisma.show.count({ where: { shop } })).toBe(before);
  });

  it("is answered on its field when planned from the show page", async () => {
    const show = await savedShow(await postShow("Planned late", { dealEnabled: "" }));
    const code = uniqueCode("LATER");
    const planned = await admin.post(`/app/shows/${show.id}`, { intent: "plan_deal", dealKind: "percentage", dealAmount: "15", dealCode: code, dealWindow: "custom", ...pastWindow() });
    expect(await planned.text()).toContain("This deal would be over before it is saved");
    expect(stack.shopify.state.findDiscountByCode(shop, code)).toBeUndefined();
    expect(await prisma.showDeal.count({ where: { showId: show.id } })).toBe(0);
  });
});

describe("Shopify failing while the show is saved", () => {
  it("opens the saved show with the reason and a retry, instead of an error page inviting a second save", async () => {
    const code = uniqueCode("OUTAGE");
    stack.shopify.state.holds.failNext("discountCodeBasicCreate", shop);
    const show = await savedShow(await postShow("Saved during an outage", { dealCode: code }));
    expect(show.deals).toEqual([expect.objectContaining({ code, discountId: null, failure: expect.stringContaining("Shopify could not be reached") })]);

    const page = await (await admin.get(`/app/shows/${show.id}`)).text();
    expect(page).toContain("The show deal was not created in Shopify");
    expect(page).toContain("Try again");

    await admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId: show.deals[0]!.id, code });
    expect(await prisma.showDeal.findUniqueOrThrow({ where: { id: show.deals[0]!.id } })).toMatchObject({
      failure: null,
      discountId: stack.shopify.state.findDiscountByCode(shop, code)?.id,
    });
  });

  it("answers a retry Shopify fails with the reason, and the deal keeps waiting", async () => {
    const taken = uniqueCode("BUSY");
    await savedShow(await postShow("Holds the code", { dealCode: taken }));
    const show = await savedShow(await postShow("Retried during an outage", { dealCode: taken }));
    stack.shopify.state.holds.failNext("discountCodeBasicCreate", shop);
    const retried = await admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId: show.deals[0]!.id, code: uniqueCode("LATER") });
    expect(retried.status).toBe(200);
    expect(await retried.text()).toContain("Shopify could not be reached");
    expect(await prisma.showDeal.findUniqueOrThrow({ where: { id: show.deals[0]!.id } })).toMatchObject({ discountId: null });
  });
});

describe("retrying a refused code", () => {
  async function refusedDeal(title: string) {
    const taken = uniqueCode("TAKEN");
    await savedShow(await postShow(`${title}: first`, { dealCode: taken }));
    const show = await savedShow(await postShow(title, { dealCode: taken }));
    return { show, dealId: show.deals[0]!.id };
  }

  it("creates one code when two retries arrive at once, and tells the second one the first is under way", async () => {
    const { show, dealId } = await refusedDeal("Double click");
    const [first, second] = [uniqueCode("FIRST"), uniqueCode("SECOND")];
    const held = stack.shopify.state.holds.holdNext("discountCodeBasicCreate", shop);
    const firstRetry = admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId, code: first });
    await held.reached;
    const secondRetry = await admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId, code: second });
    expect(await secondRetry.text()).toContain("This deal is already being created in Shopify");
    held.release();
    expect((await firstRetry).status).toBe(200);

    expect(stack.shopify.state.findDiscountByCode(shop, second)).toBeUndefined();
    expect(await prisma.showDeal.findUniqueOrThrow({ where: { id: dealId } })).toMatchObject({
      code: first,
      discountId: stack.shopify.state.findDiscountByCode(shop, first)!.id,
    });
  });

  it("answers a code shoppers could not type on the code field, and asks Shopify nothing", async () => {
    const { show, dealId } = await refusedDeal("Bad retry code");
    for (const code of ["20% OFF", "X".repeat(41)]) {
      const retried = await admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId, code });
      expect(retried.status).toBe(200);
      expect(await retried.text()).toMatch(/Use letters, digits and dashes only|Keep the code under 41 characters/);
    }
    expect(stack.shopify.state.findDiscountByCode(shop, "X".repeat(41))).toBeUndefined();
    expect(await prisma.showDeal.findUniqueOrThrow({ where: { id: dealId } })).toMatchObject({ discountId: null });
  });
});

describe("a code Shopify refuses", () => {
  it("keeps the show and the deal with Shopify's reason in words, and a retry with another code creates it", async () => {
    const taken = uniqueCode("TAKEN");
    await savedShow(await postShow("First with the code", { dealCode: taken }));
    const show = await savedShow(await postShow("Second with the code", { dealCode: taken }));
    expect(show.deals).toEqual([expect.objectContaining({ code: taken, discountId: null, failure: expect.stringContaining("already uses the code") })]);

    const page = await (await admin.get(`/app/shows/${show.id}`)).text();
    expect(page).toContain("The show deal was not created in Shopify");
    expect(page).toContain(`Another discount in your shop already uses the code ${taken}. Choose a different code.`);

    const again = await admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId: show.deals[0]!.id, code: taken });
    expect(await again.text()).toContain("already uses the code");
    const fresh = uniqueCode("FRESH");
    await admin.post(`/app/shows/${show.id}`, { intent: "retry_deal", dealId: show.deals[0]!.id, code: fresh.toLowerCase() });
    const deal = await prisma.showDeal.findUniqueOrThrow({ where: { id: show.deals[0]!.id } });
    expect(deal).toMatchObject({ code: fresh, failure: null, discountId: stack.shopify.state.findDiscountByCode(shop, fresh)?.id });
  });
});

describe("cancelling", () => {
  it("deactivates the scheduled code in Shopify, and another shop cannot cancel it", async () => {
    const code = uniqueCode("CANCEL");
    const show = await savedShow(await postShow("Cancelled deal", { dealCode: code }));
    const dealId = show.deals[0]!.id;

    const rivalShop = `rival-${randomUUID().slice(0, 8)}.myshopify.com`;
    stack.shopify.state.createShop({ domain: rivalShop, name: "Rival" });
    await adminClient(stack.appUrl, stack.shopify, rivalShop).post(`/app/shows/${show.id}`, { intent: "stop_deal", dealId });
    expect((await prisma.showDeal.findUniqueOrThrow({ where: { id: dealId } })).stoppedAt).toBeNull();
    expect(stack.shopify.state.discountStatus(stack.shopify.state.findDiscountByCode(shop, code)!)).toBe("SCHEDULED");

    const cancelled = await admin.post(`/app/shows/${show.id}`, { intent: "stop_deal", dealId });
    expect(await cancelled.text()).toContain(`Deal ${code} cancelled.`);
    expect(stack.shopify.state.discountStatus(stack.shopify.state.findDiscountByCode(shop, code)!)).toBe("EXPIRED");
    expect((await prisma.showDeal.findUniqueOrThrow({ where: { id: dealId } })).stoppedAt).not.toBeNull();
    // Shoppers never saw it, so nothing joins the show's timeline.
    expect(await prisma.showEvent.count({ where: { showId: show.id, type: { in: ["deal", "deal_stopped"] } } })).toBe(0);
  });

  it("plans a new deal from the show page after a cancel", async () => {
    const show = await savedShow(await postShow("Recreated deal", { dealCode: uniqueCode("OLD") }));
    await admin.post(`/app/shows/${show.id}`, { intent: "stop_deal", dealId: show.deals[0]!.id });
    const code = uniqueCode("NEW");
    const planned = await admin.post(`/app/shows/${show.id}`, { intent: "plan_deal", dealKind: "percentage", dealAmount: "15", dealCode: code, dealWindow: "show", dealMinutes: "10" });
    expect(await planned.text()).toContain("created in Shopify");
    expect(stack.shopify.state.findDiscountByCode(shop, code)).toMatchObject({ value: { percentage: 0.15 }, endsAt: shifted(utc("18:00"), { minutes: 10 }).toISOString() });
  });

  it("deactivates the deal when the show is archived", async () => {
    const code = uniqueCode("ARCHIVE");
    const show = await savedShow(await postShow("Archived with a deal", { dealCode: code }));
    await admin.post(`/app/shows/${show.id}`, { intent: "archive" });
    expect(stack.shopify.state.discountStatus(stack.shopify.state.findDiscountByCode(shop, code)!)).toBe("EXPIRED");
  });
});
