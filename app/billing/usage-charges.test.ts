import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import prisma from "~/db.server";
import { fromNow } from "../../tests/support/clock";
import { PLAN, usageChargeKey } from "~/shopify/app-plan";
import { settleAllPendingCharges, shopsWithPendingCharges } from "./usage-charges.server";
import { log } from "~/lib/log.server";

async function pendingCharge(shop: string) {
  const show = await prisma.show.create({ data: { shop, title: "Aired", startsAt: fromNow({ minutes: -2 }), status: "live", wentLiveAt: new Date() } });
  await prisma.showUsageCharge.create({ data: { shop, showId: show.id, idempotencyKey: usageChargeKey(show.id), amountMinor: PLAN.perShowMinor, currency: PLAN.currency } });
}

describe("the scheduler's pass over pending usage charges", () => {
  it("goes on to the other shops when one shop's settling fails, and says which failed", async () => {
    const broken = `broken-${randomUUID().slice(0, 8)}.myshopify.com`;
    const healthy = `healthy-${randomUUID().slice(0, 8)}.myshopify.com`;
    await pendingCharge(broken);
    await pendingCharge(healthy);
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const settled: string[] = [];

    const pass = await settleAllPendingCharges({
      settleShop: async (shop) => {
        if (shop === broken) throw new Error("database is locked");
        settled.push(shop);
        return { settled: 1, pending: 0 };
      },
    });

    expect(pass.ran).toBe(true);
    expect(pass.shops).toEqual(expect.arrayContaining([broken, healthy]));
    expect(settled).toContain(healthy);
    expect(pass.failed).toEqual([{ shop: broken, error: "database is locked" }]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${broken}: settling pending usage charges failed`));
  });

  it("leaves out a shop that uninstalled the app: it has no token to charge with, and its charges wait", async () => {
    const gone = `gone-${randomUUID().slice(0, 8)}.myshopify.com`;
    const installed = `installed-${randomUUID().slice(0, 8)}.myshopify.com`;
    await pendingCharge(gone);
    await pendingCharge(installed);
    await prisma.shop.create({ data: { domain: gone, uninstalledAt: fromNow({ minutes: -1 }) } });
    await prisma.shop.create({ data: { domain: installed } });

    const shops = await shopsWithPendingCharges();
    expect(shops).toContain(installed);
    expect(shops).not.toContain(gone);
    expect(await prisma.showUsageCharge.count({ where: { shop: gone, status: "pending" } })).toBe(1);
  });
});
