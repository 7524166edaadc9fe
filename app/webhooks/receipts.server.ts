import { orderedId } from "~/lib/ordered-id";
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

export type WebhookSource = "shopify" | "mux" | "stripe";

export interface Delivery {
  source: WebhookSource;
  eventId: string;
  topic: string;
  shop?: string;
}

/**
 * Records a delivery once. Returns false when the same event was already recorded:
 * every platform here delivers at least once, so a duplicate is normal and is ignored.
 */
export async function recordDelivery(delivery: Delivery): Promise<boolean> {
  return (await recordDeliveries(prisma, [delivery])).length > 0;
}

/**
 * recordDelivery for many deliveries in one statement (inside the caller's transaction, if
 * any); answers the ones not recorded before. Rows go in key order, so two instances recording
 * overlapping batches cannot deadlock on PostgreSQL.
 */
export async function recordDeliveries<D extends Delivery>(db: Pick<Prisma.TransactionClient, "$queryRaw">, deliveries: readonly D[]): Promise<D[]> {
  if (!deliveries.length) return [];
  const keyOf = ({ source, eventId }: Delivery) => `${source} ${eventId}`;
  const receivedAt = new Date();
  const rows = [...deliveries]
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
    .map(({ source, eventId, shop, topic }) => Prisma.sql`(${orderedId()}, ${source}, ${eventId}, ${shop ?? null}, ${topic}, ${receivedAt})`);
  const recorded = await db.$queryRaw<Delivery[]>`
    INSERT INTO "WebhookReceipt" ("id", "source", "eventId", "shop", "topic", "receivedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("source", "eventId") DO NOTHING
    RETURNING "source", "eventId"`;
  const fresh = new Set(recorded.map(keyOf));
  // The first of two deliveries of one event in the same batch is the one recorded.
  return deliveries.filter((delivery) => fresh.delete(keyOf(delivery)));
}

/** Forgets a delivery whose handling failed, so the platform's retry is acted on. */
export async function forgetDelivery({ source, eventId }: Pick<Delivery, "source" | "eventId">) {
  await prisma.webhookReceipt.deleteMany({ where: { source, eventId } });
}

/**
 * Records the delivery, acts on it once, and forgets it again if acting fails so that the
 * sender's retry gets another chance. Answers what the sender should hear.
 */
export async function actOnce(delivery: Delivery, act: () => Promise<void>): Promise<Response> {
  if (!(await recordDelivery(delivery))) return new Response(null, { status: 200, headers: { "x-duplicate": "1" } });
  try {
    await act();
  } catch (error) {
    await forgetDelivery(delivery);
    throw error;
  }
  return new Response(null, { status: 200 });
}
