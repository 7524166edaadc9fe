// A flash sale's inventory_levels/update storm and what must be true after it. The shop, its
// locations, products and ids come from the Shopify sandbox's state, and each body from its payload
// builder, so the storm is what the sandbox would send; the changes are made here, many thousands
// at once, each stamped by the sandbox's clock (strictly increasing updated_at).
//
// The truth is the newest updated_at per (item, location) among the events generated; a variant's
// total is the sum of its levels at the locations that sell online.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { SandboxState, type ChangeOf, type SandboxShop } from "../sandbox/shopify/state";
import { deliveryUrl, readAppConfig } from "../sandbox/shopify/app-config";
import { stringifyRawJson } from "../sandbox/shopify/raw-json";
import { webhookPayload } from "../sandbox/shopify/webhook-payloads";
import type { WebhookEvent } from "../sandbox/shopify/webhooks";
import { fromNow } from "../support/clock";
import type { EventTally } from "./shopify-sender";
import { webhookCopy, type WebhookCopy } from "./shopify-sender";
import { seededRandom } from "../support/seeded-random";

const TOPIC = "inventory_levels/update";

export interface StormShape {
  /** Distinct events (each a delivery); a share of them is delivered twice. */
  events: number;
  /** Share of events sent a second time: same event id, another webhook id. */
  duplicateShare: number;
  products: number;
  variantsPerProduct: number;
  /** Seed of the shuffle and of the stock values, so a failing run can be repeated. */
  seed: number;
  /**
   * Deliveries are shuffled within runs of this many (none: all of them at once). A storm shuffled
   * whole changes each stored level only a few times (an event older than one already applied
   * changes nothing); one shuffled locally, as Shopify's deliveries arrive, changes it nearly every time.
   */
  shuffleWithin?: number;
}

interface Level {
  available: number;
  updatedAtMs: number;
}

export interface StormPlan {
  shop: SandboxShop;
  /** Every inventory item with its variant and product. */
  items: Array<{ inventoryItemId: string; variantId: string; productId: string }>;
  /** The levels before the storm, as the app is seeded with them. */
  initial: Map<string, Level & { inventoryItemId: string; locationId: string }>;
  onlineLocationIds: string[];
  events: WebhookEvent[];
  /** Events sent twice. */
  duplicated: ReadonlySet<string>;
  /** The newest level per key among the events (and the seeded level where none is newer). */
  truth: Map<string, Level>;
}

export const levelKey = (inventoryItemId: string, locationId: string) => `${inventoryItemId} ${locationId}`;


export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function planLevelStorm(shape: StormShape): StormPlan {
  const random = seededRandom(shape.seed);
  // The sandbox's clock stands still two hours ago; its stamps still increase by a millisecond
  // per change, so every updated_at is distinct and in the past, whatever the day.
  const startedAt = fromNow({ hours: -2 });
  const state = new SandboxState({ now: () => startedAt });
  const domain = `faults-${randomUUID().slice(0, 8)}.myshopify.com`;
  // A zone west of UTC: updated_at carries an offset the app must read.
  const shop = state.createShop({ domain, ianaTimezone: "America/New_York" });
  state.addLocation(domain, "Warehouse", true);
  state.addLocation(domain, "Pop-up store", false);
  const locations = shop.locations.map((location) => location.id);
  const online = state.onlineLocations(domain).map((location) => location.id);

  for (let p = 0; p < shape.products; p++) {
    const sizes = Array.from({ length: shape.variantsPerProduct }, (_, v) => `Size ${v + 1}`);
    state.addProduct(domain, {
      handle: `storm-${p}`,
      title: `Storm product ${p}`,
      imageUrl: "https://cdn.example/storm.png",
      options: [{ name: "Size", values: sizes }],
      variants: sizes.map((size, v) => ({
        optionValues: [size],
        sku: `STORM-${p}-${v}`,
        price: 1000,
        stock: Object.fromEntries(locations.map((location) => [location, Math.floor(random() * 50)])),
      })),
    });
  }
  const items = shop.products.flatMap((product) =>
    product.variants.map((variant) => ({ inventoryItemId: variant.inventoryItem.id, variantId: variant.id, productId: product.id })),
  );
  const levels = shop.products.flatMap((product) => product.variants.flatMap((variant) => variant.inventoryItem.levels.map((level) => ({ level, inventoryItemId: variant.inventoryItem.id }))));
  const initial = new Map(
    levels.map(({ level, inventoryItemId }) => [
      levelKey(inventoryItemId, level.locationId),
      { inventoryItemId, locationId: level.locationId, available: level.available, updatedAtMs: Date.parse(level.updatedAt) },
    ]),
  );

  const truth = new Map<string, Level>([...initial].map(([key, { available, updatedAtMs }]) => [key, { available, updatedAtMs }]));
  const events: WebhookEvent[] = [];
  for (let index = 0; index < shape.events; index++) {
    const { level, inventoryItemId } = levels[Math.floor(random() * levels.length)] as (typeof levels)[number];
    const updatedAt = state.stamp();
    // Mostly small moves around a few units, now and then a restock, and sometimes oversold.
    const available = random() < 0.05 ? -Math.floor(random() * 3) : Math.floor(random() * 40);
    const change: ChangeOf<typeof TOPIC> = { topic: TOPIC, shop: domain, at: updatedAt, levelId: level.id, inventoryItemId, locationId: level.locationId, available, updatedAt };
    events.push({ eventId: randomUUID(), topic: TOPIC, shop: domain, triggeredAt: updatedAt, body: stringifyRawJson(webhookPayload(change, shop)) });
    truth.set(levelKey(inventoryItemId, level.locationId), { available, updatedAtMs: Date.parse(updatedAt) });
  }
  const duplicated = new Set(events.filter(() => random() < shape.duplicateShare).map((event) => event.eventId));
  return { shop, items, initial, onlineLocationIds: online, events, duplicated, truth };
}

/** The URL the sandbox delivers this topic to for an app at appUrl (shopify.app.toml's subscription). */
export function levelWebhookUrl(appUrl: string): string {
  const subscription = readAppConfig().subscriptions.find((candidate) => candidate.topic === TOPIC);
  if (!subscription) throw new Error(`shopify.app.toml subscribes to no ${TOPIC} webhook`);
  return deliveryUrl(appUrl, subscription.uri);
}

/** Every delivery of the storm, duplicates included, shuffled as the shape says. */
export function stormCopies(plan: StormPlan, appUrl: string, shape: Pick<StormShape, "seed" | "shuffleWithin">): WebhookCopy[] {
  const url = levelWebhookUrl(appUrl);
  const copies = plan.events.flatMap((event) => (plan.duplicated.has(event.eventId) ? [webhookCopy(event, url), webhookCopy(event, url, true)] : [webhookCopy(event, url)]));
  const random = seededRandom(shape.seed ^ 0x5eed);
  const run = shape.shuffleWithin ?? copies.length;
  const shuffled: WebhookCopy[] = [];
  for (let start = 0; start < copies.length; start += run) {
    for (const copy of shuffle(copies.slice(start, start + run), random)) shuffled.push(copy);
  }
  return shuffled;
}

/** Each variant's total over the locations that sell online, from these levels (the truth's, or the seeded ones). */
export function variantTotals(plan: StormPlan, levels: ReadonlyMap<string, Level> = plan.truth): Map<string, number> {
  return new Map(
    plan.items.map(({ inventoryItemId, variantId }) => [
      variantId,
      plan.onlineLocationIds.reduce((sum, locationId) => sum + (levels.get(levelKey(inventoryItemId, locationId))?.available ?? 0), 0),
    ]),
  );
}

/**
 * What the app holds before the storm, as if it had read the shop already: the online locations,
 * the levels and variant totals, and a live show listing every product (so each change is also
 * numbered and published to the show's viewers, as in a real flash sale).
 */
export async function seedStormShop(db: PrismaClient, plan: StormPlan): Promise<{ showId: string }> {
  const shop = plan.shop.domain;
  await db.shop.create({ data: { domain: shop, onlineLocationIds: plan.onlineLocationIds.join(",") } });
  const productIds = [...new Set(plan.items.map((item) => item.productId))];
  const show = await db.show.create({
    data: {
      shop,
      title: "Flash sale",
      startsAt: fromNow({ minutes: -10 }),
      status: "live",
      products: { create: productIds.map((productId, position) => ({ shop, productId, title: `Storm product ${position}`, position })) },
    },
  });
  const totals = variantTotals(plan, plan.initial);
  await db.variantStock.createMany({
    data: plan.items.map(({ variantId, productId, inventoryItemId }) => ({ shop, variantId, productId, inventoryItemId, tracked: true, available: totals.get(variantId) ?? 0 })),
  });
  await db.inventoryLevel.createMany({
    data: [...plan.initial.values()].map(({ inventoryItemId, locationId, available, updatedAtMs }) => ({ shop, inventoryItemId, locationId, available, sourceUpdatedAt: new Date(updatedAtMs) })),
  });
  return { showId: show.id };
}

export interface StormCheck {
  levels: number;
  levelMismatches: number;
  variants: number;
  totalMismatches: number;
  receipts: number;
  /** Events with no receipt: lost. */
  missingReceipts: number;
  /** Events answered "acted on" more than once. */
  actedTwice: number;
  /** Events the app acted on whose answer never arrived (the app was killed, or the database went away, between commit and answer). */
  answersLost: number;
  violations: string[];
}

/** Compares what the app stored with the truth, and what it answered with what it should have. */
export async function checkStorm(db: PrismaClient, plan: StormPlan, tallies: ReadonlyMap<string, EventTally>): Promise<StormCheck> {
  const shop = plan.shop.domain;
  const violations: string[] = [];
  const note = (count: number, what: string, examples: string[]) => {
    if (count) violations.push(`${count} ${what}${examples.length ? `, e.g. ${examples.slice(0, 3).join("; ")}` : ""}`);
  };

  const stored = await db.inventoryLevel.findMany({ where: { shop }, select: { inventoryItemId: true, locationId: true, available: true, sourceUpdatedAt: true } });
  const storedByKey = new Map(stored.map((row) => [levelKey(row.inventoryItemId, row.locationId), { available: row.available, updatedAtMs: row.sourceUpdatedAt.getTime() }]));
  const levelMisses: string[] = [];
  for (const [key, expected] of plan.truth) {
    const found = storedByKey.get(key);
    if (!found || found.available !== expected.available || found.updatedAtMs !== expected.updatedAtMs) {
      levelMisses.push(`${key}: stored ${found ? `${found.available} @ ${new Date(found.updatedAtMs).toISOString()}` : "nothing"}, truth ${expected.available} @ ${new Date(expected.updatedAtMs).toISOString()}`);
    }
  }
  note(levelMisses.length, "levels differ from the truth", levelMisses);
  note(Math.max(0, stored.length - plan.truth.size), "levels stored that the shop does not have", []);

  const totals = variantTotals(plan);
  const variants = await db.variantStock.findMany({ where: { shop }, select: { variantId: true, available: true } });
  const totalMisses = variants.filter((row) => totals.get(row.variantId) !== row.available).map((row) => `${row.variantId}: stored ${row.available}, truth ${totals.get(row.variantId)}`);
  note(totalMisses.length, "variant totals differ from the truth", totalMisses);
  note(Math.abs(variants.length - plan.items.length), "variants missing or extra", []);

  const receipts = await db.webhookReceipt.findMany({ where: { shop, topic: TOPIC, source: "shopify" }, select: { eventId: true } });
  const received = new Set(receipts.map((receipt) => receipt.eventId));
  const missing = plan.events.filter((event) => !received.has(event.eventId)).map((event) => event.eventId);
  note(missing.length, "events without a receipt (lost)", missing);
  note(receipts.length - received.size + [...received].filter((id) => !tallies.has(id)).length, "receipts of no event sent", []);

  const twice = [...tallies].filter(([, tally]) => tally.applied > 1).map(([id, tally]) => `${id} answered "applied" ${tally.applied} times`);
  note(twice.length, "events acted on twice", twice);
  const gaveUp = [...tallies].filter(([, tally]) => tally.gaveUp > 0).map(([id]) => id);
  note(gaveUp.length, "events whose deliveries used up every attempt", gaveUp);
  // An event recorded without an "applied" answer must have lost that answer to the fault.
  const lost = [...tallies].filter(([id, tally]) => tally.applied === 0 && received.has(id));
  const unexplained = lost.filter(([, tally]) => tally.unanswered + tally.serverErrors === 0).map(([id]) => id);
  note(unexplained.length, "events recorded but only ever answered as duplicates, with no failed attempt to explain it", unexplained);

  return {
    levels: plan.truth.size,
    levelMismatches: levelMisses.length,
    variants: plan.items.length,
    totalMismatches: totalMisses.length,
    receipts: receipts.length,
    missingReceipts: missing.length,
    actedTwice: twice.length,
    answersLost: lost.length,
    violations,
  };
}
