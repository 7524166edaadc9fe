import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { z } from "zod";
import prisma from "~/db.server";
import { SHOP_SETTINGS } from "~/graphql/shop";
import { runAdmin } from "~/shopify/admin-graphql.server";
import { enableShopStreams } from "./shop-streams.server";

/** After install or re-auth: copy what the app needs from Shopify (currency, money format, timezone, domain). */
export async function syncShop(admin: Pick<AdminApiContext, "graphql">, shop: string) {
  const { shop: details } = await runAdmin(admin, shop, SHOP_SETTINGS);
  const fields = {
    name: details.name,
    currency: details.currencyCode,
    moneyFormat: details.currencyFormats.moneyFormat,
    timezone: details.ianaTimezone,
    storefrontOrigins: new URL(details.primaryDomain.url).origin,
    uninstalledAt: null,
  };
  const before = await prisma.shop.findUnique({ where: { domain: shop }, select: { uninstalledAt: true } });
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, ...fields }, update: fields });
  // Installed again before shop/redact: the shows still to come take their encoders again.
  if (before?.uninstalledAt) await enableShopStreams(shop);
}

export const shopSettingsInput = z.object({
  commissionHoldDays: z.coerce
    .number({ error: "Enter a number of days" })
    .int("Use whole days")
    .min(0, "The hold period cannot be negative")
    .max(120, "Use at most 120 days"),
  lowStockThreshold: z.coerce
    .number({ error: "Enter a number of units" })
    .int("Use whole units")
    .min(0, "The threshold cannot be negative")
    .max(1000, "Use at most 1000 units"),
});

export type ShopSettingsInput = z.infer<typeof shopSettingsInput>;

export async function getShopSettings(shop: string) {
  const row = await prisma.shop.findUnique({ where: { domain: shop } });
  return {
    name: row?.name ?? shop,
    currency: row?.currency ?? "USD",
    timezone: row?.timezone ?? "UTC",
    commissionHoldDays: row?.commissionHoldDays ?? 14,
    lowStockThreshold: row?.lowStockThreshold ?? 5,
  };
}

export async function updateShopSettings(shop: string, input: ShopSettingsInput) {
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, ...input }, update: input });
}
