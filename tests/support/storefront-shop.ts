// A shop of its own for the storefront tests, on a running stack: a Swedish shop whose storefront
// is the sandbox's (so its event stream's CORS admits the browser), a small catalog with tracked,
// low, sold-out and untracked stock, the app installed through the embedded admin, and shows
// created the way a merchant creates them.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import prisma from "~/db.server";
import type { SandboxLocation, SandboxProduct, SandboxShop } from "../sandbox/shopify/state";
import { adminClient, type AdminClient } from "./admin-client";
import type { Stack } from "./stack";
import { fromNow, wallClock } from "./clock";
import { createShowThroughAdmin } from "./show-form";

export const STOREFRONT_TIMEZONE = "Europe/Stockholm";

export interface StorefrontShop {
  domain: string;
  admin: AdminClient;
  store: SandboxLocation;
  warehouse: SandboxLocation;
  /** Wool Scarf (two colours, 8 each), Linen Shirt (S: 3 left, M: sold out, L: 12; on sale), Enamel Mug (untracked). */
  products: { scarf: SandboxProduct; shirt: SandboxProduct; mug: SandboxProduct };
  /** The storefront URL that makes a browser (or a fetch) shop in this shop. */
  storefront(path?: string): string;
}

/** `shopSettings` overrides the Swedish shop's settings, e.g. another currency and country. */
export async function openStorefrontShop(stack: Stack, shopSettings: Partial<Omit<SandboxShop, "domain">> = {}): Promise<StorefrontShop> {
  const domain = `fjall-${randomUUID().slice(0, 8)}.myshopify.com`;
  const state = stack.shopify.state;
  const shop = state.createShop({
    domain,
    name: "Fjäll & Fika",
    currencyCode: "SEK",
    moneyFormat: "{{amount_with_comma_separator}} kr",
    moneyWithCurrencyFormat: "{{amount_with_comma_separator}} SEK",
    ianaTimezone: STOREFRONT_TIMEZONE,
    countryCode: "SE",
    primaryDomainUrl: stack.shopify.url,
    ...shopSettings,
  });
  const store = shop.locations[0] as SandboxLocation;
  const warehouse = state.addLocation(domain, "Warehouse", false);
  const image = (handle: string) => `${stack.shopify.url}/cdn/products/${handle}.svg`;
  const scarf = state.addProduct(domain, {
    handle: "wool-scarf",
    title: "Wool Scarf",
    imageUrl: image("wool-scarf"),
    options: [{ name: "Color", values: ["Oat", "Moss"] }],
    variants: [
      { optionValues: ["Oat"], sku: "SCARF-OAT", price: 49900, stock: { [store.id]: 8, [warehouse.id]: 40 } },
      { optionValues: ["Moss"], sku: "SCARF-MOSS", price: 49900, stock: { [store.id]: 8 } },
    ],
  });
  const shirt = state.addProduct(domain, {
    handle: "linen-shirt",
    title: "Linen Shirt",
    imageUrl: image("linen-shirt"),
    options: [{ name: "Size", values: ["S", "M", "L"] }],
    variants: [
      { optionValues: ["S"], sku: "SHIRT-S", price: 89900, compareAtPrice: 119900, stock: { [store.id]: 3 } },
      { optionValues: ["M"], sku: "SHIRT-M", price: 89900, compareAtPrice: 119900, stock: { [store.id]: 0, [warehouse.id]: 9 } },
      { optionValues: ["L"], sku: "SHIRT-L", price: 89900, compareAtPrice: 119900, stock: { [store.id]: 12 } },
    ],
  });
  const mug = state.addProduct(domain, {
    handle: "enamel-mug",
    title: "Enamel Mug",
    imageUrl: image("enamel-mug"),
    options: [{ name: "Title", values: ["Default Title"] }],
    variants: [{ optionValues: ["Default Title"], sku: "MUG", price: 19900, stock: null }],
  });
  const admin = adminClient(stack.appUrl, stack.shopify, domain);
  // Opening the app installs it: token exchange, then the shop's settings are read.
  expect((await admin.get("/app")).status).toBeLessThan(400);
  return {
    domain,
    admin,
    store,
    warehouse,
    products: { scarf, shirt, mug },
    storefront: (path = "/") => `${stack.shopify.url}${path}${path.includes("?") ? "&" : "?"}shop=${domain}`,
  };
}

/** The shop's wall-clock time `minutes` from now ("YYYY-MM-DDTHH:mm"): what the show form takes. */
export function shopLocalTime(minutesFromNow: number, timeZone = STOREFRONT_TIMEZONE): string {
  return wallClock(fromNow({ minutes: minutesFromNow }), timeZone);
}

export interface CreatedShow {
  id: string;
  muxLiveStreamId: string;
  muxPlaybackId: string;
  /** ShowProduct ids by product, for the pin command. */
  lineup: Map<string, string>;
}

/** Schedules a show through the admin's form, as a merchant does. */
export async function createShow(
  shop: StorefrontShop,
  { title, products, startsAt = shopLocalTime(120), mode = "public" }: { title: string; products: SandboxProduct[]; startsAt?: string; mode?: "public" | "rehearsal" },
): Promise<CreatedShow> {
  const id = await createShowThroughAdmin(shop.admin, products, { title, description: "Calm, close-up, and questions welcome.", startsAt, hostName: "Astrid", mode });
  const show = await prisma.show.findFirstOrThrow({ where: { id, shop: shop.domain }, include: { products: true } });
  expect(show.muxLiveStreamId).toBeTruthy();
  return {
    id,
    muxLiveStreamId: show.muxLiveStreamId as string,
    muxPlaybackId: show.muxPlaybackId as string,
    lineup: new Map(show.products.map((product) => [product.productId, product.id])),
  };
}

/** A control-room command (pin, start_deal …) on the show page. */
export async function showCommand(shop: StorefrontShop, showId: string, form: Record<string, string>) {
  const response = await shop.admin.post(`/app/shows/${showId}`, form);
  expect(response.status).toBe(200);
}
