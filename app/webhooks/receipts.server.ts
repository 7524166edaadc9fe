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
  try {
    await prisma.webhookReceipt.create({ data: { ...delivery, shop: delivery.shop ?? null } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
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
