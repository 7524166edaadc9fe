import type { ActionFunctionArgs } from "@remix-run/node";
import { refusedWebhook } from "~/http/signed-webhook";
import { payments } from "~/payments/stripe.server";
import { applyStripeEvent, shopOfStripeEvent } from "~/payouts/stripe-events.server";
import { actOnce } from "~/webhooks/receipts.server";

// Stripe signs the exact bytes it sent, so the body is read as text before anything parses it.
export const action = async ({ request }: ActionFunctionArgs) => {
  const rawBody = await request.text();
  const stripe = payments();
  const read = stripe.readWebhookEvent(rawBody, request.headers.get("stripe-signature"));
  if (!read.ok) return refusedWebhook(read);
  const { event } = read;
  const shop = await shopOfStripeEvent(event);
  if (!shop) return new Response(null, { status: 200 });
  return actOnce({ source: "stripe", eventId: event.id, topic: event.type === "other" ? event.stripeType : event.type, shop }, () => applyStripeEvent(event, shop, stripe));
};
